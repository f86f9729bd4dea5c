import type { ReactNode } from 'react';
import { countOf, type DiscoveredGroup, type DiscoveredPrincipal, type DiscoveredTopic, type FieldDrift, type ManagingFlow } from '@event-flows/model';

/** What a discovery table lists: one kind of item. */
export type DiscoverRows =
  | { kind: 'topics'; items: DiscoveredTopic[] }
  | { kind: 'acls'; items: DiscoveredPrincipal[] }
  | { kind: 'groups'; items: DiscoveredGroup[] };

const kindLabels: Record<DiscoverRows['kind'], string> = { topics: 'Topics', acls: 'ACLs by principal', groups: 'Consumer groups' };

function ManagedBy({ flows }: { flows: readonly ManagingFlow[] }) {
  if (flows.length === 0) return <span className="efs-app__muted">no flow</span>;
  return <>{flows.map((f) => f.flowName).join(', ')}</>;
}

function DriftList({ drift }: { drift: readonly FieldDrift[] }) {
  if (drift.length === 0) return null;
  return (
    <ul className="efs-app__discover-drift" aria-label="Drift">
      {drift.map((d) => (
        <li key={`${d.flowName} ${d.field}`}>
          {d.field}: {d.flowName} wants {d.wanted}, live {d.live}
        </li>
      ))}
    </ul>
  );
}

/** One discovered item's row: its name, status and flows, with what runs (`children`) between them. */
function ItemRow({ item, children }: { item: { name: string; status: string; managedBy: readonly ManagingFlow[] }; children: ReactNode }) {
  return (
    <tr data-status={item.status}>
      <th scope="row">{item.name}</th>
      <td>{item.status}</td>
      <td>{children}</td>
      <td>
        <ManagedBy flows={item.managedBy} />
      </td>
    </tr>
  );
}

function configText(configs: Record<string, string>): string {
  const entries = Object.entries(configs);
  return entries.length === 0 ? 'defaults' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

/**
 * One page of discovered topics, principals (with their ACLs) or consumer groups (with members and
 * lag per partition): each with its status, the flows that manage it and, when drifted, each field
 * that differs from what a deployed flow wants.
 */
export function DiscoverTable({ rows }: { rows: DiscoverRows }) {
  return (
    <table className="efs-app__table efs-app__discover" aria-label={kindLabels[rows.kind]}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">What runs</th>
          <th scope="col">Managed by</th>
        </tr>
      </thead>
      <tbody>
        {rows.kind === 'topics'
          ? rows.items.map((t) => (
              <ItemRow key={t.name} item={t}>
                {t.partitions === null ? 'missing' : `${countOf(t.partitions, 'partition')} · replication ${t.replicationFactor} · ${configText(t.configs)}`}
                <DriftList drift={t.drift} />
              </ItemRow>
            ))
          : null}
        {rows.kind === 'acls'
          ? rows.items.map((p) => (
              <ItemRow key={p.name} item={p}>
                <ul className="efs-app__discover-acls" aria-label={`ACLs of ${p.name}`}>
                  {p.acls.map((a) => (
                    <li key={`${a.resourceType} ${a.patternType} ${a.resourceName} ${a.operation} ${a.permission} ${a.host}`} data-status={a.status}>
                      {a.permission} {a.operation} on {a.resourceType} {a.resourceName}
                      {a.patternType === 'prefixed' ? '*' : ''}
                      {a.status === 'managed' ? null : <span className="efs-app__muted"> ({a.status})</span>}
                    </li>
                  ))}
                </ul>
              </ItemRow>
            ))
          : null}
        {rows.kind === 'groups'
          ? rows.items.map((g) => (
              <ItemRow key={g.name} item={g}>
                {g.state} · {countOf(g.members.length, 'member')} · lag {g.totalLag}
                {g.lag.length > 0 ? (
                  <ul className="efs-app__discover-lag" aria-label={`Lag of ${g.name}`}>
                    {g.lag.map((o) => (
                      <li key={`${o.topic} ${o.partition}`}>
                        {o.topic}[{o.partition}]: {o.committed} of {o.end ?? '?'} (lag {o.lag ?? '?'})
                      </li>
                    ))}
                  </ul>
                ) : null}
              </ItemRow>
            ))
          : null}
      </tbody>
    </table>
  );
}
