import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The 32-byte key that encrypts connection secrets: from `SECRET_KEY` (base64), or, for a standalone
 * installation, a key generated once into the data directory (readable by its owner only).
 */
export function loadSecretKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) {
    const key = Buffer.from(secretKey, 'base64');
    if (key.length !== 32) throw new Error('SECRET_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`).');
    return key;
  }
  const file = path.join(dataDir, 'secret.key');
  const key = Buffer.from(readOrCreateSecret(file, () => randomBytes(32).toString('base64')), 'base64');
  if (key.length !== 32) {
    throw new Error(`${file} does not hold a 32-byte key (base64); it is damaged. Restore it from a backup: the connection passwords stored in the database can only be read with it.`);
  }
  return key;
}

/** The fewest characters a secret generated into the data directory may have when read back. */
const shortestLocalSecret = 16;

/**
 * A secret of the standalone installation (such as the embedded broker's admin password): read from
 * `dataDir/name`, or generated there once (readable by its owner only). A file that holds less than a
 * real secret (an empty or truncated one) is refused, never taken as an empty password.
 */
export function loadLocalSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  const secret = readOrCreateSecret(file, () => randomBytes(24).toString('base64url'));
  if (secret.length < shortestLocalSecret) {
    throw new Error(`${file} holds ${secret.length} characters, and a secret needs at least ${shortestLocalSecret} characters. Delete it to have a new one generated when the server starts.`);
  }
  return secret;
}

/** The text of a secret file, trimmed; made by `create` and written there, readable by its owner only, when there is none. */
function readOrCreateSecret(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = create();
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
