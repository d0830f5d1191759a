/**
 * The contract every aggregator adapter keeps, as jest blocks (in the style of medusa's
 * `search-provider-conformance.ts`). An adapter's spec calls it with the platform's published
 * sample payloads and a `sign` helper written from the platform's docs, independently of the
 * adapter's own verify code. Test-only: it declares describe/it and is not exported from index.ts.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { describeValidationErrors, OrderDraftDto } from '@hub/contracts';
import { CHANNEL_PATTERN, ORDER_STATUSES, OrderStatus } from '@hub/order-model';
import type {
  AggregatorAdapter,
  IntegrationSettings,
  OrderDraft,
  PlatformApi,
  RawWebhook,
  WebhookOutcome,
} from './aggregator-adapter';
import { AdapterCapabilityUnsupported, MalformedPayloadError, PlatformApiError } from './adapter.errors';

export type ConformanceExpectation =
  | { kind: 'orders'; externalIds: string[]; totals: number[] }
  | { kind: 'status'; externalIds: string[]; statuses?: Array<OrderStatus | undefined> }
  | { kind: 'ignored' };

export interface ConformanceFixture {
  name: string;
  /** the bytes as the platform sends them */
  body: Buffer | string;
  /** headers other than the signature: topic, delivery id, store ... (lower-case names) */
  headers?: Record<string, string>;
  /** this fixture's integration, when it differs from the suite's (another store) */
  integration?: Partial<IntegrationSettings>;
  expect: ConformanceExpectation;
}

/** Produces the platform's signature headers for `body`, as the platform's docs describe it. */
export type SignFn = (
  body: Buffer,
  integration: IntegrationSettings,
  at: Date,
  url: string,
) => Record<string, string>;

export interface ConformanceOptions {
  createAdapter: () => AggregatorAdapter;
  integration: IntegrationSettings;
  fixtures: ConformanceFixture[];
  sign: SignFn;
  /** the header that carries the signature or token (lower-case); removed for "missing signature" */
  signatureHeader: string;
  /** the URL the platform posts to; defaults to the integration's notificationUrl */
  url?: string;
  /** for thin platforms: the API client, read when a test runs (after the spec's beforeAll) */
  api?: () => PlatformApi | undefined;
  /** false for static-key schemes, which authenticate the sender but not the body */
  signsBody?: boolean;
  /** for platforms that sign a timestamp: a delivery signed this long ago must be refused */
  staleAfterMs?: number;
  /** bodies that must fail with MalformedPayloadError (besides the built-in ones) */
  malformed?: Array<{ name: string; body: string; headers?: Record<string, string> }>;
}

const MONEY_FIELDS = ['subtotal', 'tax', 'discount', 'deliveryFee', 'tip', 'total'] as const;

/** class-validator on the canonical contract, as intake will see the order once it fills rawDeliveryId. */
export function canonicalProblems(order: OrderDraft): string[] {
  const dto = plainToInstance(OrderDraftDto, {
    ...order,
    source: { ...order.source, rawDeliveryId: 'conformance' },
  });
  return describeValidationErrors(validateSync(dto, { forbidUnknownValues: false }));
}

/** Money, quantities and ids beyond what the DTO checks: integers everywhere, unique lines. */
export function invariantProblems(order: OrderDraft): string[] {
  const problems: string[] = [];
  for (const field of MONEY_FIELDS) {
    if (!Number.isSafeInteger(order.totals[field]))
      problems.push(`totals.${field} is not integer minor units`);
  }
  const lineIds = new Set<string>();
  order.items.forEach((item, index) => {
    if (lineIds.has(item.lineId)) problems.push(`items[${index}].lineId ${item.lineId} repeats`);
    lineIds.add(item.lineId);
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1)
      problems.push(`items[${index}].quantity < 1`);
    if (!Number.isSafeInteger(item.unitPrice)) problems.push(`items[${index}].unitPrice is not integer`);
    item.modifiers.forEach((modifier, m) => {
      if (
        !Number.isSafeInteger(modifier.unitPrice) ||
        !Number.isSafeInteger(modifier.quantity) ||
        modifier.quantity < 1
      ) {
        problems.push(`items[${index}].modifiers[${m}] has a non-integer price or a quantity < 1`);
      }
    });
  });
  if (Number.isNaN(Date.parse(order.placedAt)) || !order.placedAt.endsWith('Z')) {
    problems.push(`placedAt ${order.placedAt} is not ISO 8601 UTC`);
  }
  return problems;
}

export function aggregatorAdapterConformance(options: ConformanceOptions): void {
  const probe = options.createAdapter();
  const platform = probe.platform;
  const url =
    options.url ?? options.integration.notificationUrl ?? `https://hub.example.com/v1/webhooks/${platform}`;

  const integrationFor = (fixture: ConformanceFixture): IntegrationSettings => ({
    ...options.integration,
    ...fixture.integration,
  });

  const delivery = (
    fixture: Pick<ConformanceFixture, 'body' | 'headers'>,
    integration: IntegrationSettings,
    signedWith: IntegrationSettings = integration,
    at: Date = new Date(),
  ): RawWebhook => {
    const rawBody = Buffer.isBuffer(fixture.body) ? fixture.body : Buffer.from(fixture.body, 'utf8');
    const signature = options.sign(rawBody, signedWith, at, url);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries({ ...fixture.headers, ...signature }))
      headers[name.toLowerCase()] = value;
    return { platform, headers, rawBody, url, receivedAt: at };
  };

  /**
   * The webhook path (never the platform's API), then for a thin event the fetcher's call, so a
   * fixture's expectation is the order it finally becomes. A batch is flattened to its orders or
   * updates.
   */
  const parse = async (webhook: RawWebhook, integration: IntegrationSettings): Promise<WebhookOutcome> => {
    const adapter = options.createAdapter();
    const outcome = await adapter.parseWebhook(webhook, integration);
    if (outcome.kind === 'fetch') {
      const api = options.api?.();
      if (!adapter.fetchOrders || !api)
        throw new Error(`${platform}: a thin event needs fetchOrders and an api`);
      return {
        kind: 'orders',
        dedupeKey: outcome.dedupeKey,
        orders: await adapter.fetchOrders(webhook, integration, api),
      };
    }
    if (outcome.kind === 'batch') {
      const dedupeKey = outcome.entries.map((entry) => entry.dedupeKey).join(',');
      const orders = outcome.entries.flatMap((entry) => ('order' in entry ? [entry.order] : []));
      if (orders.length > 0) return { kind: 'orders', dedupeKey, orders };
      return {
        kind: 'status',
        dedupeKey,
        updates: outcome.entries.flatMap((entry) => ('update' in entry ? [entry.update] : [])),
      };
    }
    return outcome;
  };

  describe(`${platform}: aggregator adapter conformance`, () => {
    it('is named by a channel route name and selected by canHandle', () => {
      expect(platform).toMatch(CHANNEL_PATTERN);
      expect(probe.canHandle(platform)).toBe(true);
      expect(probe.canHandle(`${platform}_other`)).toBe(false);
    });

    describe.each(options.fixtures.map((fixture) => [fixture.name, fixture] as const))(
      '%s',
      (_name, fixture) => {
        // read when each test runs: a spec may fill apiBaseUrl in its beforeAll
        let integration = integrationFor(fixture);
        beforeEach(() => {
          integration = integrationFor(fixture);
        });

        it('finds the store reference before verifying', () => {
          expect(options.createAdapter().storeRefOf(delivery(fixture, integration))).toBe(
            integration.storeRef,
          );
        });

        it('accepts a correctly signed delivery', async () => {
          expect(
            await options.createAdapter().verifySignature(delivery(fixture, integration), integration),
          ).toBe(true);
        });

        it('parses without calling the platform (the webhook path waits on nothing else)', async () => {
          const outcome = await options
            .createAdapter()
            .parseWebhook(delivery(fixture, integration), integration, undefined);
          expect(['orders', 'status', 'fetch', 'batch', 'ignored']).toContain(outcome.kind);
        });

        if (options.signsBody !== false) {
          it('refuses a tampered body', async () => {
            const webhook = delivery(fixture, integration);
            const tampered = Buffer.from(webhook.rawBody);
            const at = Math.floor(tampered.length / 2);
            tampered[at] = tampered[at] === 0x20 ? 0x09 : 0x20;
            expect(
              await options.createAdapter().verifySignature({ ...webhook, rawBody: tampered }, integration),
            ).toBe(false);
          });
        }

        it('refuses a delivery signed with another secret', async () => {
          const other = { ...integration, secret: `${integration.secret}-not-ours` };
          expect(
            await options.createAdapter().verifySignature(delivery(fixture, integration, other), integration),
          ).toBe(false);
        });

        it('refuses a delivery without its signature header', async () => {
          const webhook = delivery(fixture, integration);
          const headers = { ...webhook.headers };
          delete headers[options.signatureHeader];
          expect(await options.createAdapter().verifySignature({ ...webhook, headers }, integration)).toBe(
            false,
          );
        });

        it('refuses a delivery when the integration has no secret', async () => {
          const webhook = delivery(fixture, integration);
          expect(await options.createAdapter().verifySignature(webhook, { ...integration, secret: '' })).toBe(
            false,
          );
        });

        const staleAfterMs = options.staleAfterMs;
        if (staleAfterMs !== undefined) {
          it('refuses a stale delivery', async () => {
            const signedAt = new Date(Date.now() - staleAfterMs - 60_000);
            const webhook = delivery(fixture, integration, integration, signedAt);
            expect(
              await options
                .createAdapter()
                .verifySignature({ ...webhook, receivedAt: new Date() }, integration),
            ).toBe(false);
          });
        }

        it(`parses to ${fixture.expect.kind}`, async () => {
          const outcome = await parse(delivery(fixture, integration), integration);
          expect(outcome.kind).toBe(fixture.expect.kind);
          if (outcome.kind === 'orders' && fixture.expect.kind === 'orders') {
            expect(outcome.orders.map((order) => order.externalId)).toEqual(fixture.expect.externalIds);
            expect(outcome.orders.map((order) => order.totals.total)).toEqual(fixture.expect.totals);
            for (const order of outcome.orders) {
              expect(canonicalProblems(order)).toEqual([]);
              expect(invariantProblems(order)).toEqual([]);
              expect(order.venueId).toBe(integration.venueId);
              expect(order.channel).toBe(platform);
              expect(order.source).toEqual({ platform, storeRef: integration.storeRef });
              expect(order.items.length).toBeGreaterThan(0);
            }
            expect(outcome.dedupeKey).not.toBe('');
          }
          if (outcome.kind === 'status' && fixture.expect.kind === 'status') {
            expect(outcome.updates.map((update) => update.externalId)).toEqual(fixture.expect.externalIds);
            if (fixture.expect.statuses) {
              expect(outcome.updates.map((update) => update.status)).toEqual(fixture.expect.statuses);
            }
            for (const update of outcome.updates) {
              expect(new Date(update.occurredAt).toISOString()).toBe(update.occurredAt);
              expect(update.platformStatus).not.toBe('');
            }
          }
          if (outcome.kind === 'ignored') expect(outcome.reason).not.toBe('');
        });

        if (fixture.expect.kind !== 'ignored') {
          it('survives any top-level field being null, an object or a string: an outcome or a named error', async () => {
            const text = Buffer.isBuffer(fixture.body) ? fixture.body.toString('utf8') : fixture.body;
            const original = JSON.parse(text) as unknown;
            if (original === null || typeof original !== 'object' || Array.isArray(original)) return;
            const unexpected: string[] = [];
            for (const key of Object.keys(original)) {
              for (const replacement of [null, {}, 'x']) {
                const body = JSON.stringify({ ...original, [key]: replacement });
                try {
                  await parse(delivery({ ...fixture, body }, integration), integration);
                } catch (error) {
                  if (!(error instanceof MalformedPayloadError) && !(error instanceof PlatformApiError)) {
                    unexpected.push(`${key}=${JSON.stringify(replacement)}: ${String(error)}`);
                  }
                }
              }
            }
            expect(unexpected).toEqual([]);
          });

          it('gives the same dedupe key when the same delivery is parsed twice', async () => {
            const webhook = delivery(fixture, integration);
            const [first, second] = [await parse(webhook, integration), await parse(webhook, integration)];
            expect(first.kind).not.toBe('ignored');
            const keyOf = (outcome: WebhookOutcome) =>
              outcome.kind === 'ignored'
                ? undefined
                : outcome.kind === 'batch'
                  ? outcome.entries.map((entry) => entry.dedupeKey).join(',')
                  : outcome.dedupeKey;
            expect(keyOf(first)).toBeDefined();
            expect(keyOf(first)).toBe(keyOf(second));
          });
        }
      },
    );

    describe('malformed bodies fail with MalformedPayloadError, never a TypeError', () => {
      const headers = options.fixtures.find((fixture) => fixture.expect.kind !== 'ignored')?.headers;
      const cases = [
        { name: 'truncated JSON', body: '{"id": 1, "items": [', headers },
        { name: 'a JSON array', body: '[1, 2, 3]', headers },
        { name: 'a JSON string', body: '"hello"', headers },
        ...(options.malformed ?? []),
      ];
      it.each(cases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
        const integration = { ...options.integration };
        const webhook = delivery(entry, integration);
        await expect(parse(webhook, integration)).rejects.toBeInstanceOf(MalformedPayloadError);
      });
    });

    describe('status mapping', () => {
      it.each(ORDER_STATUSES.map((status) => [status] as const))(
        '%s round-trips or is unsupported',
        (status) => {
          const adapter = options.createAdapter();
          let platformStatus: string | undefined;
          try {
            platformStatus = adapter.mapStatus(status);
          } catch (error) {
            expect(error).toBeInstanceOf(AdapterCapabilityUnsupported);
            return;
          }
          if (platformStatus === undefined) return;
          const back = adapter.toCanonicalStatus(platformStatus);
          expect(back).toBeDefined();
          expect(adapter.mapStatus(back as OrderStatus)).toBe(platformStatus);
        },
      );
    });
  });
}
