/**
 * The Algorithmia adapter against a local HTTP server that follows the platform's documented API:
 * the one stand-in this project allows, because the platform itself cannot be reached from here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformStub, type PlatformStub } from '../testing/platformStub.ts';
import { demoConfig } from './demoConfig.ts';
import { algorithmiaPlatform } from './algorithmia.ts';

let stub: PlatformStub;
let apiUrl: string;

beforeAll(async () => {
  stub = await startPlatformStub('sim-key');
  stub.versions = { 'acme/classify': ['1.0.0', '1.1.0', '1.2.0'] };
  stub.versionsPage = 2;
  apiUrl = stub.url;
});
afterAll(() => stub.close());

describe('Algorithmia platform adapter', () => {
  it('reads published versions page by page with the API key', async () => {
    const platform = algorithmiaPlatform({ apiUrl, apiKey: 'sim-key', identity: demoConfig() });
    const algorithms = await platform.algorithms('acme');
    const classify = algorithms.find((a) => a.ref === 'acme/classify');
    const buildHash = expect.stringMatching(/^[0-9a-f]{40}$/) as unknown;
    expect(classify?.versions).toEqual([
      { version: '1.0.0', published: true, buildHash },
      { version: '1.1.0', published: true, buildHash },
      { version: '1.2.0', published: true, buildHash },
    ]);
    // An algorithm without published versions cannot be granted or enabled.
    expect(algorithms.find((a) => a.ref === 'acme/echo')).toMatchObject({ published: false, versions: [] });
    expect(stub.requests.filter((r) => r.includes('classify'))).toEqual([
      'GET /v1/algorithms/acme/classify/versions?published=true&limit=100',
      'GET /v1/algorithms/acme/classify/versions?published=true&limit=100&marker=2',
    ]);
    expect(platform.invocation()).toEqual({ kind: 'http', apiUrl, apiKey: 'sim-key' });
  });

  it('reports a refused key as an error instead of an empty catalog', async () => {
    const platform = algorithmiaPlatform({ apiUrl, apiKey: 'wrong', identity: demoConfig() });
    await expect(platform.algorithms('acme')).rejects.toThrow(/401/);
  });
});
