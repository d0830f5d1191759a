import { MalformedPayloadError } from './adapter.errors';
import { PayloadReader } from './payload-reader.util';

const read = (value: unknown) => PayloadReader.of('test', value);

describe('PayloadReader', () => {
  it('names the path and what it found', () => {
    const body = read({ order: { lines: [{ price: 'abc' }] } });
    expect(() => body.get('order.lines').at(0).at('price').number()).toThrow(
      'malformed test payload: body.order.lines[0].price: expected a number, got the string "abc"',
    );
    expect(() => body.at('order').at('missing').string()).toThrow('body.order.missing: is required');
    expect(() => read({ order: 'x' }).get('order.lines').array()).toThrow(
      'body.order: expected an object, got the string "x"',
    );
  });

  it('chains through missing parents without a TypeError', () => {
    const body = read({ order: null });
    expect(body.get('order.customer.name').text()).toBeUndefined();
    expect(body.get('order.lines').optArray()).toEqual([]);
  });

  it('converts money the way platforms send it', () => {
    expect(read({ a: '12.50' }).at('a').money('USD')).toBe(1250);
    expect(
      read({ a: 0.1 + 0.2 })
        .at('a')
        .money('USD'),
    ).toBe(30);
    expect(read({ a: 1500 }).at('a').money('JPY')).toBe(1500);
    expect(() => read({ a: 12.5 }).at('a').minorUnits()).toThrow(
      'expected an integer amount of minor units, got 12.5',
    );
  });

  it('reads times as ISO 8601 UTC, zone-less times as UTC', () => {
    expect(read({ t: '2008-01-10T11:00:00-05:00' }).at('t').isoTime()).toBe('2008-01-10T16:00:00.000Z');
    expect(read({ t: '2017-03-22T19:28:02' }).at('t').isoTime()).toBe('2017-03-22T19:28:02.000Z');
    expect(read({ t: 1427343990 }).at('t').unixSeconds()).toBe('2015-03-26T04:26:30.000Z');
    expect(() => read({ t: 'yesterday' }).at('t').isoTime()).toThrow('expected an ISO 8601 time');
  });

  it('refuses bodies that are not UTF-8 JSON with the reason', () => {
    expect(() => PayloadReader.parseJson('test', Buffer.from([0xff, 0xfe]))).toThrow(
      'body: is not valid UTF-8',
    );
    const error = (() => {
      try {
        return PayloadReader.parseJson('test', Buffer.from('{"a":'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MalformedPayloadError);
    expect((error as MalformedPayloadError).problems[0]).toMatch(/^body: is not valid JSON/);
  });
});
