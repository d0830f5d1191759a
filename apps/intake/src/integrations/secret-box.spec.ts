import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('k'.repeat(32));

  it('opens what it sealed, with a fresh IV each time', () => {
    const sealed = box.seal('shpss_client_secret');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('shpss_client_secret');
    expect(box.seal('shpss_client_secret')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('shpss_client_secret');
  });

  it('refuses a tampered value and another key', () => {
    const sealed = box.seal('secret');
    const [v, iv, tag, ct] = sealed.split(':');
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] ^= 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    expect(() => new SecretBox('x'.repeat(32)).open(sealed)).toThrow();
    expect(() => box.open('plain')).toThrow('not a sealed secret');
  });
});
