import { DECLARATIVE_PRESETS } from './declarative.presets';
import { mappingProblems, MappingConfigError, parseMapping } from './declarative-mapping';
import { parsePath } from './declarative-path';
import customMapping from './__fixtures__/custom-mapping.crafted.json';

const valid = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(customMapping)) as Record<string, unknown>;
const withOrder = (patch: Record<string, unknown>) => ({
  ...valid(),
  order: { ...(valid().order as object), ...patch },
});

describe('declarative mapping validation', () => {
  it('accepts the shipped presets and the custom configuration', () => {
    expect(mappingProblems(DECLARATIVE_PRESETS.zomato)).toEqual([]);
    expect(mappingProblems(DECLARATIVE_PRESETS.swiggy)).toEqual([]);
    expect(mappingProblems(valid())).toEqual([]);
    expect(parseMapping(valid())).toEqual(valid());
  });

  it('names an unknown auth scheme and lists the known ones', () => {
    expect(mappingProblems({ ...valid(), auth: { scheme: 'md5', header: 'x-sig' } })).toEqual([
      'mapping.auth.scheme: must be one of hmac-sha256, static-key, basic, got "md5"',
    ]);
    expect(mappingProblems({ ...valid(), auth: 'apikey' })).toEqual([
      'mapping.auth: must be an object with a scheme (hmac-sha256, static-key, basic), got "apikey"',
    ]);
  });

  it('checks each scheme’s own fields', () => {
    expect(
      mappingProblems({ ...valid(), auth: { scheme: 'hmac-sha256', header: 'x sig', encoding: 'hex' } }),
    ).toEqual(['mapping.auth.header: must be a header name, got "x sig"']);
    expect(
      mappingProblems({ ...valid(), auth: { scheme: 'hmac-sha256', header: 'x-sig', encoding: 'base32' } }),
    ).toEqual(['mapping.auth.encoding: must be one of hex, base64, got "base32"']);
    expect(mappingProblems({ ...valid(), auth: { scheme: 'basic', header: 'authorization' } })).toEqual([
      'mapping.auth.header: is not a known field (known: scheme)',
    ]);
    expect(mappingProblems({ ...valid(), auth: { scheme: 'static-key' } })).toEqual([
      'mapping.auth.header: must be a header name, got undefined',
    ]);
  });

  it('names a bad path with where and why', () => {
    expect(mappingProblems(withOrder({ externalId: 'details..id' }))).toEqual([
      'mapping.order.externalId: "details..id" is not a valid path: expected a field name at position 8',
    ]);
    expect(
      mappingProblems(
        withOrder({ items: { ...(valid().order as { items: object }).items, unitPrice: 'lines[x].price' } }),
      ),
    ).toEqual([
      'mapping.order.items.unitPrice: "lines[x].price" is not a valid path: expected [n] or [*] at position 5',
    ]);
    expect(mappingProblems({ ...valid(), storeRef: ['header:', 42] })).toEqual([
      'mapping.storeRef[0]: "header:" does not name a valid header',
      'mapping.storeRef[1]: must be a path string, got 42',
    ]);
  });

  it('names missing required fields, unknown fields and bad values', () => {
    const { orders: _orders, money: _money, ...rest } = valid();
    expect(mappingProblems({ ...rest, extra: true, currency: 'rupees' })).toEqual([
      'mapping.extra: is not a known field (known: auth, storeRef, dedupeKey, orders, money, currency, order, status, callbacks)',
      'mapping.orders: is required',
      'mapping.money: must be one of major, minor, got undefined',
      'mapping.currency: must be an ISO 4217 code such as INR, got "rupees"',
    ]);
    expect(mappingProblems(withOrder({ totals: {}, orderType: { map: { TAKEAWAY: 'carry-out' } } }))).toEqual(
      [
        'mapping.order.orderType.map.TAKEAWAY: must be one of delivery, pickup, dine_in, curbside, got "carry-out"',
        'mapping.order.orderType: needs a path or a default',
        'mapping.order.totals.total: is required',
      ],
    );
    expect(
      mappingProblems({
        ...valid(),
        status: { path: 'state', externalId: 'id', values: { GONE: 'vanished' } },
      }),
    ).toEqual(['mapping.status.values.GONE: must be one of cancelled, picked_up, delivered, got "vanished"']);
    expect(mappingProblems(null)).toEqual(['mapping: must be an object, got null']);
  });

  it('throws MappingConfigError listing every problem', () => {
    expect(() => parseMapping({ ...valid(), money: 'cents' })).toThrow(MappingConfigError);
    expect(() => parseMapping({ ...valid(), money: 'cents' })).toThrow(
      'invalid mapping: mapping.money: must be one of major, minor, got "cents"',
    );
  });
});

describe('declarative paths', () => {
  it('parses keys, indexes, wildcards and the root', () => {
    expect(parsePath('order.items[0].price')).toEqual({
      fromRoot: false,
      segments: ['order', 'items', 0, 'price'],
    });
    expect(parsePath('orders[*]')).toEqual({ fromRoot: false, segments: ['orders', '*'] });
    expect(parsePath('$.customer.name')).toEqual({ fromRoot: true, segments: ['customer', 'name'] });
    expect(parsePath('$')).toEqual({ fromRoot: false, segments: [] });
    expect(parsePath('[1].id')).toEqual({ fromRoot: false, segments: [1, 'id'] });
  });

  it.each([['a.'], ['.a'], ['a[1'], ['a]'], [' a'], [''], ['a b']])('refuses %j', (path) => {
    expect(() => parsePath(path)).toThrow();
  });
});
