import { SecretBox } from './secret-box';

const KEY = 'test-intake-secrets-key-of-32-characters';
/** A value sealed under KEY before this class moved here: the stored format must keep opening. */
const SEALED_EARLIER = 'v1:0U/1fquxIyi5/J7g:UUlvab5TXwmx1s8XjTLi5Q==:5Nfm+eJvTpZE22jKBj8FfplE';

describe('SecretBox', () => {
  const box = new SecretBox(KEY);

  it('opens a value sealed earlier with the same key', () => {
    expect(box.open(SEALED_EARLIER)).toBe('uber-client-secret');
  });

  it('opens what it sealed, with a fresh IV each time', () => {
    const sealed = box.seal('hook-secret');
    expect(sealed).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(sealed).not.toContain('hook-secret');
    expect(box.seal('hook-secret')).not.toBe(sealed);
    expect(box.open(sealed)).toBe('hook-secret');
  });

  it('refuses another key, a tampered value and a plain one', () => {
    expect(() => new SecretBox('x'.repeat(32)).open(SEALED_EARLIER)).toThrow();
    const [v, iv, tag, ct] = SEALED_EARLIER.split(':');
    const flipped = Buffer.from(ct, 'base64');
    flipped[0] ^= 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    expect(() => box.open('plain')).toThrow('not a sealed secret');
  });
});
