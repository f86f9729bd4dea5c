// One data directory serves one server (issue 16, item 8): a second `pnpm start` on the same DATA_DIR
// stops with a sentence naming the first, which goes on answering; once the first has stopped, a
// server on that directory starts with its data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startStudioServer } from './studioServer.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'efs-one-dir-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const flowNames = async (url: string) => {
  const response = await fetch(`${url}/trpc/flows.list?input=${encodeURIComponent(JSON.stringify({ orgId: 'acme' }))}`, { headers: { authorization: 'Bearer demo-member-token' } });
  return ((await response.json()) as { result: { data: Array<{ name: string }> } }).result.data.map((f) => f.name);
};

describe('a data directory', () => {
  it('serves one server at a time, and its data outlives the server', async () => {
    const first = await startStudioServer({ dataDir });
    try {
      await fetch(`${first.url}/trpc/flows.create`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-member-token', 'content-type': 'application/json' },
        body: JSON.stringify({ orgId: 'acme', name: 'Kept' }),
      });
      await expect(startStudioServer({ dataDir })).rejects.toThrow(new RegExp(`${dataDir} is used by process \\d+ .*serves one process at a time`));
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
      expect(await flowNames(first.url)).toContain('Kept');
    } finally {
      await first.stop();
    }
    const again = await startStudioServer({ dataDir });
    try {
      expect(await flowNames(again.url)).toContain('Kept');
    } finally {
      await again.stop();
    }
  }, 120_000);
});
