import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Opens the integration secrets intake sealed, and seals status-sync's own (notification endpoint
 * secrets), in the format of intake's SecretBox: AES-256-GCM (node:crypto) under a key derived from
 * the shared secrets key, stored as `v1:<iv>:<tag>:<ciphertext>` (base64). A small copy rather than a
 * shared lib on purpose: the format is the contract (the spec holds a value sealed by intake), and
 * neither service imports the other. The derivation salt stays intake's, so both open each other's values.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(secretsKey: string) {
    this.key = createHash('sha256').update(`order-hub/intake/secrets:${secretsKey}`).digest();
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      ciphertext.toString('base64'),
    ].join(':');
  }

  /** Throws on a value that is not sealed, was tampered with, or was sealed under another key. */
  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  }
}
