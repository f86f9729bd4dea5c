/**
 * What the studio says after a flow's revision about the revision Kafka runs: " · deployed" when it is
 * that revision, " · revision 2 deployed" when it is another, nothing when the flow is not deployed.
 */
export function deployedBadge(deployedRevision: number | null, revision: number): string {
  if (deployedRevision === null) return '';
  return deployedRevision === revision ? ' · deployed' : ` · revision ${deployedRevision} deployed`;
}
