import { createHash, timingSafeEqual } from 'node:crypto';
import { Id, limits, Name, Org, Role } from '@event-flows/model';
import { z } from 'zod';
import type { OrgPeople } from '../platform/platform.ts';

/** A signed-in person: a cluster admin (every org), or a member or viewer of one org. */
export interface User {
  id: string;
  name: string;
  role: Role;
  /** The org a member or viewer belongs to; a cluster admin's home org. */
  orgId: string;
}

/** The standalone identity file: orgs, and users with the SHA-256 of their bearer token (never the token). */
export const IdentityFile = z.strictObject({
  orgs: z.array(Org).min(1).max(1_000),
  users: z
    .array(
      z.strictObject({
        id: Id,
        name: Name,
        role: Role,
        orgId: Id,
        /** Hex SHA-256 of the user's bearer token. */
        tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(10_000),
});
export type IdentityFile = z.infer<typeof IdentityFile>;

/** The hex SHA-256 of a token, as the identity file stores it. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Finds the user a bearer token belongs to, comparing hashes in constant time. */
export function userForToken(identity: IdentityFile, token: string): User | undefined {
  if (token.length === 0 || token.length > 4096) return undefined;
  const digest = Buffer.from(hashToken(token), 'hex');
  for (const user of identity.users) {
    if (timingSafeEqual(digest, Buffer.from(user.tokenSha256, 'hex'))) {
      return { id: user.id, name: user.name, role: user.role, orgId: user.orgId };
    }
  }
  return undefined;
}

/** The display names of the identity file's users among `userIds`, by id. */
export function displayNamesIn(identity: IdentityFile, userIds: readonly string[]): Map<string, string> {
  const wanted = new Set(userIds);
  return new Map(identity.users.filter((u) => wanted.has(u.id)).map((u) => [u.id, u.name]));
}

/** A person's name and role as the identity file knows them, or `undefined` for someone it does not know. */
export function knownPersonIn(identity: IdentityFile, userId: string): { name: string; role: Role } | undefined {
  const user = identity.users.find((u) => u.id === userId);
  return user ? { name: user.name, role: user.role } : undefined;
}

/**
 * An org's members (`userIds`, in the platform's order) as its people: the first `limits.orgPeople`,
 * named and marked cluster admins or viewers as the identity file knows them (others by id alone), and whether
 * that is all of them.
 */
export function orgPeopleIn(identity: IdentityFile, userIds: readonly string[]): OrgPeople {
  const known = new Map(identity.users.map((u) => [u.id, u]));
  const people = userIds.slice(0, limits.orgPeople).map((id) => {
    const user = known.get(id);
    return { id, name: user?.name ?? null, clusterAdmin: user?.role === 'admin', viewer: user?.role === 'viewer' };
  });
  return { people, complete: userIds.length <= limits.orgPeople };
}
