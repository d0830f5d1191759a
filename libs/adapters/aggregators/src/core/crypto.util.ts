import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over the concatenation of `parts`, each taken byte for byte (strings as UTF-8). */
export function hmacSha256(key: string | Buffer, ...parts: ReadonlyArray<string | Buffer>): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Constant-time comparison of a received token with the expected one. crypto.timingSafeEqual needs
 * equal lengths, so a length mismatch compares the expected value with itself (same work) and fails.
 */
export function safeEqualText(received: string | undefined, expected: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8');
  if (received === undefined || expected.length === 0) return false;
  const receivedBytes = Buffer.from(received, 'utf8');
  if (receivedBytes.length !== expectedBytes.length) {
    timingSafeEqual(expectedBytes, expectedBytes);
    return false;
  }
  return timingSafeEqual(receivedBytes, expectedBytes);
}

/** A base64 signature header against the digest we computed (exact base64 text, padding included). */
export function safeEqualBase64(received: string | undefined, digest: Buffer): boolean {
  return safeEqualText(received?.trim(), digest.toString('base64'));
}

/** A hex signature header against the digest we computed; platforms send lowercase, case is not significant. */
export function safeEqualHex(received: string | undefined, digest: Buffer): boolean {
  return safeEqualText(received?.trim().toLowerCase(), digest.toString('hex'));
}
