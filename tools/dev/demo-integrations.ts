import { DEMO_VENUES } from '@hub/testing';

/** The demo brand's platform accounts that `npm start` connects and `npm run simulate` posts as. */
export const DEMO_INTEGRATIONS = [
  {
    platform: 'shopify',
    venueId: DEMO_VENUES[0].id,
    storeRef: 'spice-route-koramangala.myshopify.com',
    secret: 'demo-shopify-app-secret',
  },
  {
    platform: 'woocommerce',
    venueId: DEMO_VENUES[1].id,
    storeRef: 'https://shop.spice-route.example',
    secret: 'demo-woocommerce-webhook-secret',
  },
  {
    platform: 'gloriafood',
    venueId: DEMO_VENUES[0].id,
    storeRef: 'demo-gloriafood-restaurant-key',
    secret: 'demo-gloriafood-master-key',
  },
] as const;

export type DemoPlatform = (typeof DEMO_INTEGRATIONS)[number]['platform'];

/**
 * Connects the demo integrations through intake's API (idempotent). `extra` adds settings per
 * integration (`npm run chaos` points apiBaseUrl at its stand-in platform server).
 */
export async function seedDemoIntegrations(
  intakeUrl: string,
  headOfficeToken: string,
  extra: (integration: (typeof DEMO_INTEGRATIONS)[number]) => Record<string, unknown> = () => ({}),
): Promise<void> {
  for (const integration of DEMO_INTEGRATIONS) {
    const response = await fetch(
      `${intakeUrl}/v1/venues/${integration.venueId}/integrations/${integration.platform}`,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${headOfficeToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          storeRef: integration.storeRef,
          secret: integration.secret,
          currency: 'INR',
          ...extra(integration),
        }),
      },
    );
    if (!response.ok)
      throw new Error(`connecting ${integration.platform}: ${response.status} ${await response.text()}`);
  }
}
