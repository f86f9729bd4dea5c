import type { CatalogAlgorithm, Org } from '@event-flows/model';
import type { User } from '../identity/identity.ts';

/**
 * The boundary to the platform Event Flows Studio runs for: who is calling, which orgs and algorithms
 * exist, and how an algorithm is invoked. Two implementations: standalone (a configuration file and
 * built-in demo algorithms) and Algorithmia's REST API.
 */
export interface PlatformAdapter {
  readonly kind: 'standalone' | 'algorithmia';
  /** The user a bearer token belongs to, or `undefined` for an unknown token. */
  authenticate(token: string): Promise<User | undefined>;
  orgs(): Promise<Org[]>;
  /** The display names of the people with these user ids that the platform knows (others are left out). */
  displayNames(userIds: readonly string[]): Promise<Map<string, string>>;
  /** The algorithms of an org (with their published versions). */
  algorithms(orgId: string): Promise<CatalogAlgorithm[]>;
  /** How the runtime invokes this platform's algorithms. */
  invocation(): { kind: 'builtin' } | { kind: 'http'; apiUrl: string; apiKey: string };
}
