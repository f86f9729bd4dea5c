import { CatalogAlgorithm, type Org } from '@event-flows/model';
import { z } from 'zod';
import { displayNamesIn, IdentityFile, knownPersonIn, orgPeopleIn, userForToken } from '../identity/identity.ts';
import type { PlatformAdapter } from './platform.ts';

/** The standalone configuration: identity plus the algorithms the built-in runtime can run. */
export const StandaloneConfig = IdentityFile.extend({
  algorithms: z.array(CatalogAlgorithm).max(10_000),
});
export type StandaloneConfig = z.infer<typeof StandaloneConfig>;

/** The standalone platform: users, orgs and algorithms from a configuration file; algorithms run in process. */
export function standalonePlatform(config: StandaloneConfig): PlatformAdapter {
  return {
    kind: 'standalone',
    authenticate: async (token) => userForToken(config, token),
    orgs: async (): Promise<Org[]> => config.orgs,
    displayNames: async (userIds) => displayNamesIn(config, userIds),
    knownPerson: async (userId) => knownPersonIn(config, userId),
    people: async (orgId) => orgPeopleIn(config, config.users.filter((u) => u.orgId === orgId).map((u) => u.id)),
    algorithms: async (orgId) => config.algorithms.filter((a) => a.org === orgId),
    invocation: () => ({ kind: 'builtin' }),
  };
}
