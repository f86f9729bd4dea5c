/** Connection secrets never appear in API responses or in the server's log, whatever happens. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

const password = 'hunter2-very-secret';
const logged: string[] = [];
let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed({ log: (level, message, fields) => logged.push(JSON.stringify({ level, message, fields })) });
}, 60_000);
afterAll(async () => bed?.close());

describe('connection secrets', () => {
  it('are neither returned nor logged, on success or failure', async () => {
    const responses: string[] = [];
    const call = async (...args: Parameters<HttpBed['call']>) => {
      const result = await bed.call(...args);
      responses.push(JSON.stringify(result.body));
      return result;
    };
    const connection = { id: 'remote', name: 'Remote', bootstrap: ['127.0.0.1:1'], auth: { mechanism: 'scram-sha-512', username: 'efs', password }, tls: { enabled: true } };
    expect((await call('mutation', 'admin.connections.create', connection, tokens.admin)).status).toBe(200);
    const test = await call('mutation', 'admin.connections.test', { id: 'remote' }, tokens.admin);
    expect(test.body.result?.data).toMatchObject({ ok: false });
    await call('query', 'admin.connections.list', undefined, tokens.admin);
    await call('query', 'catalog.get', { orgId: 'acme' }, tokens.member);
    await call('query', 'admin.audit', undefined, tokens.admin);
    await call('mutation', 'admin.connections.update', { ...connection, name: 'Renamed' }, tokens.admin);
    expect(responses.join('\n')).not.toContain(password);
    expect(logged.join('\n')).not.toContain(password);
    expect(responses.join('\n')).toContain('"hasPassword":true');
  });
});
