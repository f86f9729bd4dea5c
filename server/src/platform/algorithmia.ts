import { limits, type CatalogAlgorithm, type CatalogVersion, type PlatformListener } from '@event-flows/model';
import { z } from 'zod';
import { displayNamesIn, knownPersonIn, orgPeopleIn, userForToken } from '../identity/identity.ts';
import { PlatformError, type PlatformAdapter, type OrgPeople, type PlatformEventListeners } from './platform.ts';
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
 * One event listener as `/v1/users/{userId}/event-listeners` answers it. `credentials` may hold the
 * listener's Kafka secrets: only its topic and bootstrap servers are read, nothing else is kept.
 */
const RawListener = z.object({
  id: z.union([z.string().min(1).max(128), z.int().transform(String)]),
  sourceType: z.string().max(64),
  algoOwner: z.string().max(64),
  algoName: z.string().max(64),
  algoVersion: z.string().max(128),
  algoTimeoutSeconds: z.number().nullish(),
  credentials: z
    .object({
      topic: z.string().max(1024).optional(),
      bootstrapServers: z.union([z.string().max(8192), z.array(z.string().max(255)).max(100)]).optional(),
    })
    .nullish(),
});
type RawListener = z.infer<typeof RawListener>;

/** A listing: a page `{ results, marker }` as the platform's other lists, or a plain array. */
const ListenersPage = z.union([
  z.array(RawListener).max(10_000),
  z.object({ results: z.array(RawListener).max(10_000), marker: z.string().nullish() }),
]);

function listenerOf(userId: string, raw: RawListener): PlatformListener {
  const servers = raw.credentials?.bootstrapServers ?? [];
  return {
    id: raw.id,
    userId,
    sourceType: raw.sourceType,
    algorithm: `${raw.algoOwner}/${raw.algoName}`,
    version: raw.algoVersion,
    topic: raw.credentials?.topic ?? '',
    bootstrap: (typeof servers === 'string' ? servers.split(',') : servers).map((s) => s.trim()).filter(Boolean),
    ...(typeof raw.algoTimeoutSeconds === 'number' ? { timeoutSeconds: raw.algoTimeoutSeconds } : {}),
  };
}

/** The platform's own words from an error answer (`{ error: { message } }`), if it gave any. */
async function messageOf(response: Response): Promise<string | undefined> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message.slice(0, 300);
  } catch {
    // Not JSON: the status says enough.
  }
  return undefined;
}

/** One page of `GET /v1/organizations/{org}/members`: each member's user name (and org role, not read). */
const MembersPage = z.object({
  marker: z.string().nullish(),
  results: z.array(z.object({ username: z.string().min(1).max(limits.id) })).max(10_000),
});

/** Asks the platform's API with the studio's key, and reads what it answers. */
interface PlatformRequests {
  /**
   * The answer to `path` when it is a success (or the status `gone`), else a {@link PlatformError} with
   * one sentence: the platform did not answer (within 10 s), refused the key, or answered an error (with
   * its own message). `doing` completes "when …".
   */
  ask(doing: string, path: string, init?: RequestInit, gone?: number): Promise<Response>;
  /** The answer's JSON as `schema` reads it, else a {@link PlatformError} naming `what` the platform documents. */
  readJson<T>(doing: string, what: string, response: Response, schema: z.ZodType<T>): Promise<T>;
}

function platformRequests(apiUrl: string, apiKey: string, http: typeof fetch): PlatformRequests {
  const headers = { authorization: `Simple ${apiKey}`, accept: 'application/json' };
  return {
    async ask(doing, path, init = {}, gone) {
      let response: Response;
      try {
        response = await http(new URL(path, apiUrl), { ...init, headers: { ...headers, ...init.headers }, signal: AbortSignal.timeout(10_000) });
      } catch (error) {
        const why = error instanceof Error && error.name === 'TimeoutError' ? 'within 10 s' : `(${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`;
        throw new PlatformError(`The platform at ${apiUrl} did not answer ${why} when ${doing}.`, { cause: error });
      }
      if (response.ok || response.status === gone) return response;
      const said = await messageOf(response);
      if (response.status === 401 || response.status === 403) {
        throw new PlatformError(`The platform refused the studio's API key (${response.status}) when ${doing}${said ? `: ${said}` : ''}. Check ALGORITHMIA_API_KEY and what the key may do.`);
      }
      throw new PlatformError(`The platform answered ${response.status} when ${doing}${said ? `: ${said}` : ''}.`);
    },
    async readJson(doing, what, response, schema) {
      const parsed = schema.safeParse(await response.json().catch(() => undefined));
      if (!parsed.success) throw new PlatformError(`The platform's answer when ${doing} is not ${what} it documents (${parsed.error.issues[0]?.message ?? 'unreadable'}).`);
      return parsed.data;
    },
  };
}

/**
 * The people of an org: its members as `GET /v1/organizations/{org}/members` lists them, following
 * `marker`, at most `limits.orgPeople` and whether that is all; named and marked cluster admins as the
 * identity file knows them.
 */
async function orgPeople({ ask, readJson }: PlatformRequests, identity: StandaloneConfig, orgId: string): Promise<OrgPeople> {
  const doing = `listing ${orgId}'s members`;
  const ids: string[] = [];
  let marker: string | null | undefined;
  do {
    const path = `/v1/organizations/${encodeURIComponent(orgId)}/members?limit=100${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`;
    const page = await readJson(doing, 'the org members', await ask(doing, path), MembersPage);
    ids.push(...page.results.map((m) => m.username));
    // A page without members ends the list, whatever its marker says.
    marker = page.results.length > 0 ? page.marker : undefined;
    // Read on past the limit: one member more tells that the list is cut, an empty last page that it is not.
  } while (marker && ids.length <= limits.orgPeople);
  return orgPeopleIn(identity, ids);
}

/**
 * The platform's event-listener API, every failure a {@link PlatformError} with one sentence (see
 * {@link PlatformRequests}), or the platform answered something that is not a listener.
 */
function eventListenersApi({ ask, readJson: read }: PlatformRequests): PlatformEventListeners {
  const readJson = <T>(doing: string, response: Response, schema: z.ZodType<T>) => read(doing, 'the event listeners', response, schema);
  const base = (userId: string) => `/v1/users/${encodeURIComponent(userId)}/event-listeners`;
  return {
    async list(userId) {
      const listeners: PlatformListener[] = [];
      let marker: string | null | undefined;
      const doing = `listing ${userId}'s event listeners`;
      for (let page = 0; page < 50; page++) {
        const body = await readJson(doing, await ask(doing, `${base(userId)}${marker ? `?marker=${encodeURIComponent(marker)}` : ''}`), ListenersPage);
        const results = Array.isArray(body) ? body : body.results;
        listeners.push(...results.map((r) => listenerOf(userId, r)));
        marker = Array.isArray(body) ? undefined : body.marker;
        if (!marker) break;
      }
      return listeners;
    },
    async create(userId, listener) {
      const [algoOwner, algoName] = listener.algorithm.split('/');
      const doing = `creating an event listener of ${listener.algorithm} on "${listener.topic}" for ${userId}`;
      const body = {
        sourceType: 'Kafka',
        algoOwner,
        algoName,
        algoVersion: listener.version,
        ...(listener.timeoutSeconds === undefined ? {} : { algoTimeoutSeconds: listener.timeoutSeconds }),
        credentials: { topic: listener.topic, bootstrapServers: listener.bootstrap.join(',') },
      };
      const response = await ask(doing, base(userId), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      return listenerOf(userId, await readJson(doing, response, RawListener));
    },
    async remove({ userId, id }) {
      const doing = `removing ${userId}'s event listener ${id}`;
      const response = await ask(doing, `${base(userId)}/${encodeURIComponent(id)}`, { method: 'DELETE' }, 404);
      return response.status === 404 ? 'gone' : 'removed';
    },
  };
}

/**
 * The Algorithmia platform: algorithm versions read live from its REST API
 * (`GET {api}/v1/algorithms/{owner}/{name}/versions`, published versions, following `marker` pages),
 * invocation over its algorithm API, and its Kafka event listeners (`/v1/users/{userId}/event-listeners`).
 * An org's people are its members on the platform (`/v1/organizations/{org}/members`). Users, their
 * names and orgs come from the identity file, as in standalone mode.
 */
export function algorithmiaPlatform(options: AlgorithmiaOptions): PlatformAdapter {
  const http = options.fetch ?? fetch;
  const cacheMs = options.cacheMs ?? 30_000;
  const cache = new Map<string, { at: number; versions: Promise<CatalogVersion[]> }>();
  const requests = platformRequests(options.apiUrl, options.apiKey, http);

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
    knownPerson: async (userId) => knownPersonIn(options.identity, userId),
    people: (orgId) => orgPeople(requests, options.identity, orgId),
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
    eventListeners: eventListenersApi(requests),
  };
}
