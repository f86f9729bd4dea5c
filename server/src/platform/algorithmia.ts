import type { CatalogAlgorithm, CatalogVersion } from '@event-flows/model';
import { z } from 'zod';
import { displayNamesIn, userForToken } from '../identity/identity.ts';
import type { PlatformAdapter } from './platform.ts';
import type { StandaloneConfig } from './standalone.ts';

/** Options for {@link algorithmiaPlatform}. */
export interface AlgorithmiaOptions {
  /** The platform's API, e.g. `https://api.example-algorithmia.com`. */
  apiUrl: string;
  /** An API key with read access to the orgs' algorithms (sent as `Authorization: Simple <key>`). */
  apiKey: string;
  /** Users, orgs, and which algorithms take part in event flows (their versions come from the platform). */
  identity: StandaloneConfig;
  /** How long version lists are reused (default 30 s). */
  cacheMs?: number;
  fetch?: typeof fetch;
}

/** One page of `GET /v1/algorithms/{owner}/{name}/versions`. */
const VersionsPage = z.object({
  marker: z.string().nullable().optional(),
  results: z
    .array(
      z.object({
        version_info: z.object({ semantic_version: z.string(), git_hash: z.string().optional() }).passthrough(),
      }).passthrough(),
    )
    .max(10_000),
});

/**
 * The Algorithmia platform: algorithm versions read live from its REST API
 * (`GET {api}/v1/algorithms/{owner}/{name}/versions`, published versions, following `marker` pages),
 * invocation over its algorithm API. Users and orgs come from the identity file, as in standalone mode.
 */
export function algorithmiaPlatform(options: AlgorithmiaOptions): PlatformAdapter {
  const http = options.fetch ?? fetch;
  const cacheMs = options.cacheMs ?? 30_000;
  const cache = new Map<string, { at: number; versions: Promise<CatalogVersion[]> }>();

  async function fetchVersions(ref: string): Promise<CatalogVersion[]> {
    const versions: CatalogVersion[] = [];
    let marker: string | null | undefined;
    for (let page = 0; page < 50; page++) {
      const url = new URL(`/v1/algorithms/${ref}/versions`, options.apiUrl);
      url.searchParams.set('published', 'true');
      url.searchParams.set('limit', '100');
      if (marker) url.searchParams.set('marker', marker);
      const response = await http(url, { headers: { authorization: `Simple ${options.apiKey}`, accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`the platform answered ${response.status} for ${ref}'s versions`);
      const body = VersionsPage.parse(await response.json());
      for (const r of body.results) {
        const hash = r.version_info.git_hash;
        if (!/^\d+\.\d+\.\d+$/.test(r.version_info.semantic_version)) continue;
        versions.push({ version: r.version_info.semantic_version, published: true, ...(hash && /^[0-9a-f]{7,64}$/.test(hash) ? { buildHash: hash } : {}) });
      }
      marker = body.marker;
      if (!marker) break;
    }
    return versions;
  }

  function versionsOf(ref: string): Promise<CatalogVersion[]> {
    const cached = cache.get(ref);
    if (cached && Date.now() - cached.at < cacheMs) return cached.versions;
    const versions = fetchVersions(ref);
    cache.set(ref, { at: Date.now(), versions });
    versions.catch(() => cache.delete(ref));
    return versions;
  }

  return {
    kind: 'algorithmia',
    authenticate: async (token) => userForToken(options.identity, token),
    orgs: async () => options.identity.orgs,
    displayNames: async (userIds) => displayNamesIn(options.identity, userIds),
    async algorithms(orgId): Promise<CatalogAlgorithm[]> {
      const listed = options.identity.algorithms.filter((a) => a.org === orgId);
      return Promise.all(
        listed.map(async (a) => {
          const versions = await versionsOf(a.ref);
          return { ...a, versions, published: versions.length > 0 };
        }),
      );
    },
    invocation: () => ({ kind: 'http', apiUrl: options.apiUrl, apiKey: options.apiKey }),
  };
}
