/**
 * The demo brand `npm start` seeds and the tests use. Its venue ids, station names and item codes
 * are stable and listed in README.md, so scripts outside the project can rely on them.
 */
export const DEMO_VENUES = [
  { id: 'blr-koramangala', name: 'Spice Route, Koramangala' },
  { id: 'blr-indiranagar', name: 'Spice Route, Indiranagar' },
] as const;

export const DEMO_STATIONS = ['tandoor', 'curry', 'bar', 'dessert'] as const;

export interface DemoMenuItem {
  code: string;
  name: string;
  /** paise */
  price: number;
  station: (typeof DEMO_STATIONS)[number];
}

export const DEMO_CURRENCY = 'INR';

export const DEMO_MENU: readonly DemoMenuItem[] = [
  { code: 'PANEER-TIKKA', name: 'Paneer Tikka', price: 28000, station: 'tandoor' },
  { code: 'CHICKEN-TIKKA', name: 'Chicken Tikka', price: 32000, station: 'tandoor' },
  { code: 'GARLIC-NAAN', name: 'Garlic Naan', price: 6000, station: 'tandoor' },
  { code: 'BUTTER-CHICKEN', name: 'Butter Chicken', price: 38000, station: 'curry' },
  { code: 'DAL-MAKHANI', name: 'Dal Makhani', price: 26000, station: 'curry' },
  { code: 'JEERA-RICE', name: 'Jeera Rice', price: 18000, station: 'curry' },
  { code: 'MANGO-LASSI', name: 'Mango Lassi', price: 12000, station: 'bar' },
  { code: 'MASALA-CHAI', name: 'Masala Chai', price: 6000, station: 'bar' },
  { code: 'GULAB-JAMUN', name: 'Gulab Jamun', price: 9000, station: 'dessert' },
  { code: 'KULFI', name: 'Kulfi', price: 11000, station: 'dessert' },
];

/** The brand both demo venues belong to: it owns the menu; each venue has its own prices and stations. */
export const DEMO_BRAND = { id: 'spice-route', name: 'Spice Route' } as const;

async function putJson(url: string, token: string, body: unknown, what: string): Promise<void> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${what} failed: ${response.status} ${await response.text()}`);
}

/**
 * Puts the demo menu on a venue through menu-mapping's API (idempotent: item ids stay stable): the
 * demo brand, the venue registered with it, then each item with this venue's price and station.
 * Needs a head-office token.
 */
export async function seedDemoMenu(menuMappingUrl: string, token: string, venueId: string): Promise<void> {
  await putJson(
    `${menuMappingUrl}/v1/brands/${DEMO_BRAND.id}`,
    token,
    { name: DEMO_BRAND.name, currency: DEMO_CURRENCY },
    `creating brand ${DEMO_BRAND.id}`,
  );
  const venueName = DEMO_VENUES.find((v) => v.id === venueId)?.name;
  await putJson(
    `${menuMappingUrl}/v1/venues/${venueId}/menu/settings`,
    token,
    { brandId: DEMO_BRAND.id, ...(venueName ? { name: venueName } : {}) },
    `registering ${venueId} with brand ${DEMO_BRAND.id}`,
  );
  for (const item of DEMO_MENU) {
    await putJson(
      `${menuMappingUrl}/v1/venues/${venueId}/menu/items/${item.code}`,
      token,
      { name: item.name, price: item.price, currency: DEMO_CURRENCY, station: item.station },
      `seeding ${item.code} at ${venueId}`,
    );
  }
}

export interface DirectOrderLine {
  code: string;
  quantity: number;
  notes?: string;
}

/** A direct-channel order body for POST /v1/orders, priced from the demo menu. */
export function demoDirectOrder(
  venueId: string,
  lines: DirectOrderLine[],
  channel = 'qr',
): Record<string, unknown> {
  const items = lines.map((line, i) => {
    const item = DEMO_MENU.find((m) => m.code === line.code);
    return {
      lineId: String(i + 1),
      externalCode: line.code,
      name: item?.name ?? line.code,
      quantity: line.quantity,
      unitPrice: item?.price ?? 0,
      modifiers: [],
      ...(line.notes ? { notes: line.notes } : {}),
    };
  });
  const subtotal = items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
  const tax = Math.round(subtotal * 0.05);
  return {
    venueId,
    channel,
    orderType: 'dine_in',
    customer: { name: 'Table 4' },
    items,
    totals: {
      subtotal,
      tax,
      discount: 0,
      deliveryFee: 0,
      tip: 0,
      total: subtotal + tax,
      currency: DEMO_CURRENCY,
    },
  };
}
