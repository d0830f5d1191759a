import type { DeliveryEvidence } from '../orders/deliveries.repository';
import { toDeliveryEvidenceDto, toDeliverySummaryDto } from './deliveries.mapper';

const evidence = (overrides: Partial<DeliveryEvidence> = {}): DeliveryEvidence => ({
  id: '01a20000-0000-7000-8000-000000000001',
  platform: 'shopify',
  venueId: 'blr-koramangala',
  kind: 'unparsed',
  state: 'needs_attention',
  receivedAt: new Date('2026-11-22T10:00:00.000Z'),
  fetchAttempts: 0,
  nextAttemptAt: null,
  retries: 0,
  retriedAt: null,
  error: 'malformed shopify payload: body.id: expected a string',
  dedupeKey: 'raw:abc',
  orderAnnounced: false,
  receivedBy: 'webhook',
  rawBody: Buffer.from('{"id":{"not":"an order"}}'),
  body: null,
  bodySha256: 'abc',
  headers: {},
  ...overrides,
});

describe('deliveries mapper', () => {
  it('masks every header carrying a signature, key or token, and the mapping’s own auth header', () => {
    const dto = toDeliveryEvidenceDto(
      evidence({
        headers: {
          'x-shopify-hmac-sha256': 'c2lnbmF0dXJl',
          'x-square-hmacsha256-signature': 'c2ln',
          'x-uber-signature': 'abc123',
          'toast-signature': 'sig',
          'x-api-key': 'plain-secret',
          'x-partner': 'static-secret',
          'x-shopify-topic': 'orders/create',
          'x-shopify-webhook-id': 'wh-1',
          'content-type': 'application/json',
        },
      }),
      'X-Partner',
    );
    expect(dto.headers).toEqual({
      'x-shopify-hmac-sha256': '********',
      'x-square-hmacsha256-signature': '********',
      'x-uber-signature': '********',
      'toast-signature': '********',
      'x-api-key': '********',
      'x-partner': '********',
      'x-shopify-topic': 'orders/create',
      'x-shopify-webhook-id': 'wh-1',
      'content-type': 'application/json',
    });
  });

  it('shows the body byte for byte: UTF-8 as text, anything else as base64, a direct order as its JSON', () => {
    expect(toDeliveryEvidenceDto(evidence())).toMatchObject({
      body: '{"id":{"not":"an order"}}',
      bodyEncoding: 'utf8',
    });
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    expect(toDeliveryEvidenceDto(evidence({ rawBody: binary }))).toMatchObject({
      body: binary.toString('base64'),
      bodyEncoding: 'base64',
    });
    expect(
      toDeliveryEvidenceDto(evidence({ rawBody: null, body: { channel: 'qr' }, receivedBy: 'direct' })),
    ).toMatchObject({ body: '{"channel":"qr"}', bodyEncoding: 'utf8' });
  });

  it('lists a delivery without its body, its times in ISO 8601 UTC', () => {
    const summary = toDeliverySummaryDto(
      evidence({ retriedAt: new Date('2026-11-22T11:00:00.000Z'), retries: 1 }),
    );
    expect(summary).toEqual({
      id: '01a20000-0000-7000-8000-000000000001',
      platform: 'shopify',
      kind: 'unparsed',
      state: 'needs_attention',
      receivedBy: 'webhook',
      receivedAt: '2026-11-22T10:00:00.000Z',
      attempts: 0,
      retries: 1,
      lastRetriedAt: '2026-11-22T11:00:00.000Z',
      error: 'malformed shopify payload: body.id: expected a string',
      dedupeKey: 'raw:abc',
      orderAnnounced: false,
    });
  });
});
