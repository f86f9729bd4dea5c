/**
 * The Algorithmia adapter against a local HTTP server that follows the platform's documented API:
 * the one stand-in this project allows, because the platform itself cannot be reached from here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from './demoConfig.ts';
import { algorithmiaPlatform } from './algorithmia.ts';

let server: Server;
let apiUrl: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    if (req.headers.authorization !== 'Simple sim-key') {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'authorization required' } }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const page = (results: object[], marker: string | null) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ marker, results }));
    const v = (semantic_version: string, git_hash: string) => ({ version_info: { semantic_version, git_hash, release_notes: '' }, settings: {} });
    if (url.pathname === '/v1/algorithms/acme/classify/versions') {
      if (url.searchParams.get('marker') === 'p2') page([v('1.2.0', 'abcdef1234')], null);
      else page([v('1.0.0', '0123456789'), v('1.1.0', '1111111aaa')], 'p2');
    } else if (url.pathname.startsWith('/v1/algorithms/acme/')) page([], null);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('Algorithmia platform adapter', () => {
  it('reads published versions page by page with the API key', async () => {
    const platform = algorithmiaPlatform({ apiUrl, apiKey: 'sim-key', identity: demoConfig() });
    const algorithms = await platform.algorithms('acme');
    const classify = algorithms.find((a) => a.ref === 'acme/classify');
    expect(classify?.versions).toEqual([
      { version: '1.0.0', published: true, buildHash: '0123456789' },
      { version: '1.1.0', published: true, buildHash: '1111111aaa' },
      { version: '1.2.0', published: true, buildHash: 'abcdef1234' },
    ]);
    // An algorithm without published versions cannot be granted or enabled.
    expect(algorithms.find((a) => a.ref === 'acme/echo')).toMatchObject({ published: false, versions: [] });
    expect(requests.filter((r) => r.includes('classify'))).toEqual([
      'GET /v1/algorithms/acme/classify/versions?published=true&limit=100 Simple sim-key',
      'GET /v1/algorithms/acme/classify/versions?published=true&limit=100&marker=p2 Simple sim-key',
    ]);
    expect(platform.invocation()).toEqual({ kind: 'http', apiUrl, apiKey: 'sim-key' });
  });

  it('reports a refused key as an error instead of an empty catalog', async () => {
    const platform = algorithmiaPlatform({ apiUrl, apiKey: 'wrong', identity: demoConfig() });
    await expect(platform.algorithms('acme')).rejects.toThrow(/401/);
  });
});
