import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { OrderStatus } from '@hub/order-model';
import { AdapterCapabilityUnsupported } from '../core/adapter.errors';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  RawWebhook,
  WebhookOutcome,
  WebhookReceiptInfo,
} from '../core/aggregator-adapter';
import { PayloadReader } from '../core/payload-reader.util';
import { validatePayload } from '../core/payload-validation.util';
import type {
  AvailabilityCallbackInput,
  CallbackPlan,
  StatusCallbackBuilder,
  StatusCallbackInput,
} from '../core/status-callback';
import { StatusTable } from '../core/status-table.util';
import { header, peekJson, peekString } from '../core/webhook.util';
import {
  GOOGLE,
  GOOGLE_ORDER_STATES,
  mapGoogleOrder,
  SUBMIT_ORDER_INTENT,
  submittedOrder,
} from './google.mapper';
import { GoogleAppRequestDto } from './google.webhook.dto';

/** Google's public keys for the tokens it signs, unless the integration names another JWKS (`credentials.jwksUrl`). */
export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';
/** The issuer Google's verification example checks (`https://accounts.google.com`), and the short form its ID tokens also use. */
export const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];

export interface GoogleAdapterOptions {
  /** seconds of clock skew tolerated on `exp`, `nbf` and `iat` (default 30) */
  clockToleranceSeconds?: number;
}

/**
 * Google Food Ordering (Ordering End-to-End). Every fulfillment request carries a Google-signed JWT
 * in `Authorization` (as `Bearer <jwt>` or bare), verified with `jose` against Google's JWKS (or the
 * integration's `credentials.jwksUrl`, which tests point at a local server): RS256 signature by a
 * key in the set, issuer `https://accounts.google.com`, audience the Actions Center project id
 * (the integration's `secret`), not expired (30 s of clock tolerance, measured at receipt). It
 * authenticates the sender, not the body. The store is `cart.merchant.id`; the dedupe key is
 * `googleOrderId`. Submit Order is answered with a SubmitOrderResponseMessage (order CREATED).
 * Checkout requests are not handled (ignored); Google's asynchronous order updates are not built, so
 * every status callback is unsupported.
 */
export class GoogleAdapter implements AggregatorAdapter, StatusCallbackBuilder {
  readonly platform = GOOGLE;

  private readonly keySets = new Map<string, JWTVerifyGetKey>();
  private readonly clockTolerance: number;

  private readonly statuses = new StatusTable(
    GOOGLE,
    GOOGLE_ORDER_STATES,
    Object.fromEntries(
      Object.entries(GOOGLE_ORDER_STATES).map(([canonical, state]) => [state, canonical]),
    ) as Record<string, OrderStatus>,
  );

  constructor(options: GoogleAdapterOptions = {}) {
    this.clockTolerance = options.clockToleranceSeconds ?? 30;
  }

  canHandle(platform: string): boolean {
    return platform === GOOGLE;
  }

  storeRefOf(webhook: RawWebhook): string | undefined {
    const body = peekJson(webhook.rawBody) as { inputs?: unknown } | undefined;
    const input = Array.isArray(body?.inputs)
      ? (body.inputs[0] as { arguments?: unknown } | undefined)
      : undefined;
    const argument = Array.isArray(input?.arguments) ? (input.arguments[0] as unknown) : undefined;
    return (
      peekString(argument, 'transactionDecisionValue', 'order', 'finalOrder', 'cart', 'merchant', 'id') ??
      // a Checkout request carries the cart directly
      peekString(argument, 'extension', 'cart', 'merchant', 'id')
    );
  }

  async verifySignature(webhook: RawWebhook, integration: IntegrationSettings): Promise<boolean> {
    const audience = integration.secret;
    const token = header(webhook, 'authorization')?.replace(/^Bearer\s+/i, '');
    if (!audience || !token) return false;
    try {
      await jwtVerify(token, this.keySet(integration.credentials?.jwksUrl ?? GOOGLE_JWKS_URL), {
        issuer: GOOGLE_ISSUERS,
        audience,
        algorithms: ['RS256'],
        clockTolerance: this.clockTolerance,
        currentDate: webhook.receivedAt,
        requiredClaims: ['exp'],
      });
      return true;
    } catch {
      return false;
    }
  }

  async parseWebhook(webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> {
    const body = PayloadReader.parseJson(GOOGLE, webhook.rawBody);
    validatePayload(GOOGLE, GoogleAppRequestDto, body.value);
    const intent = body.at('inputs').at(0).at('intent').nonEmpty();
    if (intent !== SUBMIT_ORDER_INTENT) {
      return { kind: 'ignored', reason: `intent ${intent} is not handled (only Submit Order)` };
    }
    const order = submittedOrder(body);
    const mapped = mapGoogleOrder(order, integration, webhook.receivedAt);
    return { kind: 'orders', dedupeKey: mapped.externalId, orders: [mapped] };
  }

  /**
   * Google's SubmitOrderResponseMessage: the order CREATED (stored now or before), with its
   * `actionOrderId` (Google's order id) and the number printed on the ticket as the receipt.
   */
  acknowledge(receipt: WebhookReceiptInfo, webhook: RawWebhook): unknown {
    if (receipt.status === 'ignored') return receipt;
    const body = peekJson(webhook.rawBody);
    const reader = PayloadReader.of(GOOGLE, body);
    const orderId = submittedOrder(reader).at('googleOrderId').text() ?? receipt.deliveryId ?? '';
    return {
      expectUserResponse: false,
      finalResponse: {
        richResponse: {
          items: [
            {
              structuredResponse: {
                orderUpdate: {
                  actionOrderId: orderId,
                  orderState: { state: 'CREATED', label: 'Order created' },
                  receipt: { userVisibleOrderId: orderId.slice(-6) },
                  updateTime: webhook.receivedAt.toISOString(),
                },
              },
            },
          ],
        },
      },
    };
  }

  /** Google's asynchronous order updates need a service-account token and are not built: unsupported. */
  statusCallback(input: StatusCallbackInput, _integration: IntegrationSettings): CallbackPlan | undefined {
    throw new AdapterCapabilityUnsupported(GOOGLE, `send the order update "${input.status}" (not built)`);
  }

  availabilityCallback(_input: AvailabilityCallbackInput, _integration: IntegrationSettings): CallbackPlan {
    throw new AdapterCapabilityUnsupported(GOOGLE, 'push item availability (menu feeds, not built)');
  }

  mapStatus(status: OrderStatus): string | undefined {
    return this.statuses.toPlatformStatus(status);
  }

  toCanonicalStatus(platformStatus: string): OrderStatus | undefined {
    return this.statuses.toCanonical(platformStatus);
  }

  /** One remote key set per JWKS URL, kept for the adapter's life (jose caches and refreshes its keys). */
  private keySet(url: string): JWTVerifyGetKey {
    let keys = this.keySets.get(url);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000 });
      this.keySets.set(url, keys);
    }
    return keys;
  }
}
