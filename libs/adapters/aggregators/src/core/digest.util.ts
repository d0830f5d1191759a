import { createHash } from 'node:crypto';

/** A stable key for a delivery that carries no id of its own: the SHA-256 of its bytes. */
export function bodyDigest(rawBody: Buffer): string {
  return createHash('sha256').update(rawBody).digest('hex');
}
