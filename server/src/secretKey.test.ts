/** Secrets in the data directory: generated once, and a damaged one refused at start-up with a sentence. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLocalSecret, loadSecretKey } from './secretKey.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'efs-secret-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('local secrets', () => {
  it('generates a secret once, readable by its owner only, and reads it back', () => {
    const dir = dataDir();
    const secret = loadLocalSecret(dir, 'kafka-admin.secret');
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, 'kafka-admin.secret')).mode & 0o777).toBe(0o600);
    expect(loadLocalSecret(dir, 'kafka-admin.secret')).toBe(secret);
  });

  it.each(['', '   \n', 'short'])('refuses a damaged secret file (%j), naming the file and the next step', (content) => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'kafka-admin.secret'), content);
    expect(() => loadLocalSecret(dir, 'kafka-admin.secret')).toThrow(/kafka-admin\.secret .*at least 16 characters.*Delete it/);
    expect(readFileSync(path.join(dir, 'kafka-admin.secret'), 'utf8')).toBe(content);
  });

  it('refuses a secret.key that does not hold 32 bytes', () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'secret.key'), 'AAAA');
    expect(() => loadSecretKey(undefined, dir)).toThrow(/secret\.key does not hold a 32-byte key/);
  });
});
