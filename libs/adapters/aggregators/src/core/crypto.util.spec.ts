import { createHmac } from 'node:crypto';
import { hmacSha256, safeEqualBase64, safeEqualHex, safeEqualText } from './crypto.util';

describe('crypto helpers', () => {
  const digest = hmacSha256('key', 'part one ', Buffer.from('part two'));

  it('hashes the parts in order, as one message', () => {
    expect(digest.equals(createHmac('sha256', 'key').update('part one part two').digest())).toBe(true);
  });

  it('compares without throwing on length mismatch or absence', () => {
    expect(safeEqualText('secret', 'secret')).toBe(true);
    expect(safeEqualText('secre', 'secret')).toBe(false);
    expect(safeEqualText(undefined, 'secret')).toBe(false);
    expect(safeEqualText('', '')).toBe(false);
  });

  it('matches base64 exactly and hex case-insensitively', () => {
    expect(safeEqualBase64(digest.toString('base64'), digest)).toBe(true);
    expect(safeEqualBase64(digest.toString('base64').replace(/=+$/, ''), digest)).toBe(false);
    expect(safeEqualHex(digest.toString('hex').toUpperCase(), digest)).toBe(true);
    expect(safeEqualHex(digest.toString('base64'), digest)).toBe(false);
  });
});
