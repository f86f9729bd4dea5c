import { hashToken } from '../identity/identity.ts';
import type { StandaloneConfig } from './standalone.ts';

/**
 * The demo users' bearer tokens. They are printed by `pnpm start` and meant only for the local demo:
 * a real installation brings its own identity file (`IDENTITY_FILE`) with hashed tokens.
 */
export const demoTokens = {
  admin: 'demo-admin-token',
  member: 'demo-member-token',
  viewer: 'demo-viewer-token',
  otherMember: 'demo-globex-member-token',
} as const;

const published = (...versions: string[]) => versions.map((version) => ({ version, published: true }));

/** The demo installation: org Acme with an admin, a member and a viewer; org Globex with a member. */
export function demoConfig(): StandaloneConfig {
  return {
    orgs: [
      { id: 'acme', name: 'Acme Analytics' },
      { id: 'globex', name: 'Globex' },
    ],
    users: [
      { id: 'ada', name: 'Ada (cluster admin)', role: 'admin', orgId: 'acme', tokenSha256: hashToken(demoTokens.admin) },
      { id: 'max', name: 'Max (Acme member)', role: 'member', orgId: 'acme', tokenSha256: hashToken(demoTokens.member) },
      { id: 'val', name: 'Val (Acme viewer)', role: 'viewer', orgId: 'acme', tokenSha256: hashToken(demoTokens.viewer) },
      { id: 'gus', name: 'Gus (Globex member)', role: 'member', orgId: 'globex', tokenSha256: hashToken(demoTokens.otherMember) },
    ],
    algorithms: [
      { ref: 'acme/classify', org: 'acme', name: 'classify', description: 'Labels an order by its amount.', published: true, versions: published('1.0.0', '1.1.0', '1.2.0') },
      { ref: 'acme/enrich', org: 'acme', name: 'enrich', description: 'Adds the customer tier to a classified order.', published: true, versions: published('0.9.0', '1.0.0') },
      { ref: 'acme/alert', org: 'acme', name: 'alert', description: 'Emits an alert for large orders; nothing otherwise.', published: true, versions: published('2.0.0') },
      { ref: 'acme/echo', org: 'acme', name: 'echo', description: 'Returns its input.', published: true, versions: published('1.0.0') },
      { ref: 'globex/score', org: 'globex', name: 'score', description: 'Scores a lead.', published: true, versions: published('1.0.0') },
    ],
  };
}
