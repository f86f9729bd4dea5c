import type { GroupProtocol } from './groupRequests.ts';

/** Whether two JoinGroup protocol lists are the same, names and metadata, in the same order. */
export function sameProtocols(a: readonly GroupProtocol[], b: readonly GroupProtocol[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i]?.name && p.metadata.equals(b[i].metadata));
}

/** Among protocols every member supports, the one most members list first (Kafka's vote). */
export function selectProtocol(members: readonly { readonly protocols: readonly GroupProtocol[] }[]): string {
  const first = members[0];
  if (!first) return '';
  const candidates = first.protocols.map((p) => p.name).filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
  const votes = new Map<string, number>();
  for (const m of members) {
    const choice = m.protocols.find((p) => candidates.includes(p.name));
    if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
  }
  let best = candidates[0] ?? '';
  for (const name of candidates) if ((votes.get(name) ?? 0) > (votes.get(best) ?? 0)) best = name;
  return best;
}
