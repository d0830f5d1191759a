import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The browser script's file name, next to this module in the sources and in the swc build. */
export const KDS_CLIENT_SCRIPT_FILE = 'kds.client.js';

/** Reads the KDS page's script; a build without it fails here, at startup, rather than on a screen. */
export function loadKdsClientScript(directory: string = __dirname): string {
  const path = join(directory, KDS_CLIENT_SCRIPT_FILE);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`the KDS page script ${path} is missing: ${(error as Error).message}`);
  }
}
