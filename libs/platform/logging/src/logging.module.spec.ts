import { redactUrl } from './logging.module';

describe('redactUrl', () => {
  it('removes tokens from query strings and keeps the rest', () => {
    expect(redactUrl('/kds?token=eyJhbGc.x.y&station=tandoor')).toBe('/kds?token=[redacted]&station=tandoor');
    expect(redactUrl('/x?a=1&access_token=abc')).toBe('/x?a=1&access_token=[redacted]');
    expect(redactUrl('/v1/orders?venueId=a')).toBe('/v1/orders?venueId=a');
  });
});
