import './admin.css';
import { Badge, Table, type BadgeTone, type TableColumn } from '@event-flows/editor';
import type { ReactNode } from 'react';
import { countOf, type DiscoveredGroup, type DiscoveredPrincipal, type DiscoveredTopic, type DiscoverStatus, type FieldDrift, type LeftAloneMark, type ManagingFlow } from '@event-flows/model';

/** What a discovery table lists: one kind of item. */
export type DiscoverRows =
  | { kind: 'topics'; items: DiscoveredTopic[] }
  | { kind: 'acls'; items: DiscoveredPrincipal[] }
  | { kind: 'groups'; items: DiscoveredGroup[] };

const kindLabels: Record<DiscoverRows['kind'], string> = { topics: 'Topics', acls: 'ACLs by principal', groups: 'Consumer groups' };

/** A status as a person reads it. */
export const statusLabels: Record<DiscoverStatus, string> = {
  managed: 'managed',
  unmanaged: 'unmanaged',
  drifted: 'drifted',
  adopted: 'adopted · not deployed',
  'left-alone': 'left alone',
};

/** Why an item cannot be chosen (to adopt or to leave alone), or `null` when it can. */
export function notSelectableReason(status: DiscoverStatus): string | null {
  if (status === 'managed') return 'A flow manages it already: there is nothing to adopt or leave alone.';
  if (status === 'drifted') return 'A flow manages it, and it differs from what the flow wants: deploy that flow to set it right.';
  if (status === 'adopted') return 'It is adopted into a flow that is not deployed yet: deploy that flow to take it over.';
  return null;
}

/** Which items are chosen (by name), and how a choice changes. */
export interface DiscoverSelection {
  selected: ReadonlySet<string>;
  /** Chooses (or lets go of) the items, each with its status (and a principal with the algorithm it names). */
  onChange: (items: readonly { name: string; status: DiscoverStatus; algorithm?: string }[], selected: boolean) => void;
}

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

type RowItem = { name: string; status: DiscoverStatus; managedBy: readonly ManagingFlow[]; leftAlone?: LeftAloneMark; adoptedInto?: readonly ManagingFlow[] };

const statusTones: Record<DiscoverStatus, BadgeTone> = { managed: 'running', unmanaged: 'accent', drifted: 'warning', adopted: 'neutral', 'left-alone': 'paused' };

/** The flows an item was adopted into, each a link that opens it (another org's flow is named only). */
function AdoptedInto({ flows, onOpenFlow }: { flows: readonly ManagingFlow[]; onOpenFlow: ((flowId: string) => void) | undefined }) {
  return (
    <>
      {' '}
      into{' '}
      {flows.map((f, i) => (
        <span key={`${f.flowId ?? ''} ${f.flowName}`}>
          {i > 0 ? ', ' : null}
          {f.flowId && onOpenFlow ? (
            <button type="button" className="efs-app__link" onClick={() => onOpenFlow(f.flowId!)}>
              {f.flowName}
            </button>
          ) : (
            f.flowName
          )}
        </span>
      ))}
    </>
  );
}

/** The box that chooses an item; a disabled one says why to a screen reader (and, by its cell's title, on hover). */
function SelectBox({ item, selection }: { item: RowItem; selection: DiscoverSelection }) {
  const reason = notSelectableReason(item.status);
  return (
    <input
      type="checkbox"
      aria-label={`Choose ${item.name}`}
      aria-description={reason ?? undefined}
      disabled={reason !== null}
      checked={selection.selected.has(item.name)}
      onChange={(e) => selection.onChange([item], e.target.checked)}
    />
  );
}

function configText(configs: Record<string, string>): string {
  const entries = Object.entries(configs);
  return entries.length === 0 ? 'defaults' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

/** The header's box: chooses (or lets go of) every item of the page that can be chosen. */
function SelectAll({ items, selection }: { items: readonly RowItem[]; selection: DiscoverSelection }) {
  const choosable = items.filter((item) => notSelectableReason(item.status) === null);
  const chosen = choosable.filter((item) => selection.selected.has(item.name)).length;
  return (
    <input
      type="checkbox"
      aria-label="Choose every item of this page that can be chosen"
      disabled={choosable.length === 0}
      checked={choosable.length > 0 && chosen === choosable.length}
      ref={(box) => {
        if (box) box.indeterminate = chosen > 0 && chosen < choosable.length;
      }}
      onChange={(e) => selection.onChange(choosable, e.target.checked)}
    />
  );
}

/** What runs, for a topic: its partitions, replication and configs, and the fields that drifted. */
function TopicRuns({ topic: t }: { topic: DiscoveredTopic }) {
  return (
    <>
      {t.partitions === null ? 'missing' : `${countOf(t.partitions, 'partition')} · replication ${t.replicationFactor} · ${configText(t.configs)}`}
      <DriftList drift={t.drift} />
    </>
  );
}

/** What runs, for a principal: its ACLs, each marked when it is not as a flow wants it. */
function PrincipalRuns({ principal: p }: { principal: DiscoveredPrincipal }) {
  return (
    <ul className="efs-app__discover-acls" aria-label={`ACLs of ${p.name}`}>
      {p.acls.map((a) => (
        <li key={`${a.resourceType} ${a.patternType} ${a.resourceName} ${a.operation} ${a.permission} ${a.host}`} data-status={a.status}>
          {a.permission} {a.operation} on {a.resourceType} {a.resourceName}
          {a.patternType === 'prefixed' ? '*' : ''}
          {a.status === 'managed' ? null : <span className="efs-app__muted"> ({a.status})</span>}
        </li>
      ))}
    </ul>
  );
}

/** What runs, for a consumer group: its state, members and lag, and the lag per partition. */
function GroupRuns({ group: g }: { group: DiscoveredGroup }) {
  return (
    <>
      {g.state} · {countOf(g.members.length, 'member')} · lag {g.totalLag.toLocaleString('en')}
      {g.lag.length > 0 ? (
        <ul className="efs-app__discover-lag" aria-label={`Lag of ${g.name}`}>
          {g.lag.map((o) => (
            <li key={`${o.topic} ${o.partition}`}>
              {o.topic}[{o.partition}]: {o.committed.toLocaleString('en')} of {o.end?.toLocaleString('en') ?? '?'} (lag {o.lag?.toLocaleString('en') ?? '?'})
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** The columns every kind shares, around what runs (`runs`). */
function columns<Item extends RowItem>(runs: (item: Item) => ReactNode, items: readonly Item[], selection: DiscoverSelection | undefined, onOpenFlow: ((flowId: string) => void) | undefined): TableColumn<Item>[] {
  const choose: TableColumn<Item>[] = selection
    ? [{ key: 'choose', header: <SelectAll items={items} selection={selection} />, cell: (item) => <SelectBox item={item} selection={selection} />, title: (item) => notSelectableReason(item.status) ?? undefined }]
    : [];
  return [
    ...choose,
    { key: 'name', header: 'Name', rowHeader: true, cell: (item) => item.name },
    {
      key: 'status',
      header: 'Status',
      cell: (item) => (
        <>
          <Badge tone={statusTones[item.status]}>{statusLabels[item.status]}</Badge>
          {item.leftAlone ? <span className="efs-app__muted"> by {item.leftAlone.by}</span> : null}
          {item.adoptedInto && item.adoptedInto.length > 0 ? <AdoptedInto flows={item.adoptedInto} onOpenFlow={onOpenFlow} /> : null}
        </>
      ),
    },
    { key: 'runs', header: 'What runs', cell: runs },
    { key: 'managed', header: 'Managed by', cell: (item) => <ManagedBy flows={item.managedBy} /> },
  ];
}

/**
 * One page of discovered topics, principals (with their ACLs) or consumer groups (with members and
 * lag per partition): each with its status, the flows that manage it and, when drifted, each field
 * that differs from what a deployed flow wants. With `selection`, a first column chooses unmanaged
 * and left-alone items; a managed, drifted or adopted item's box is disabled and says why. An item
 * adopted into a flow that is not deployed yet names the flow, a link to it through `onOpenFlow`.
 */
export function DiscoverTable({ rows, selection, onOpenFlow }: { rows: DiscoverRows; selection?: DiscoverSelection; onOpenFlow?: (flowId: string) => void }) {
  const caption = <span className="efs-visually-hidden">{kindLabels[rows.kind]}</span>;
  const className = `efs-app__admin-table efs-app__discover${selection ? ' efs-app__discover--choosing' : ''}`;
  const rowKey = (item: RowItem) => item.name;
  if (rows.kind === 'topics') return <Table className={className} caption={caption} columns={columns((t) => <TopicRuns topic={t} />, rows.items, selection, onOpenFlow)} rows={rows.items} rowKey={rowKey} />;
  if (rows.kind === 'acls') return <Table className={className} caption={caption} columns={columns((p) => <PrincipalRuns principal={p} />, rows.items, selection, onOpenFlow)} rows={rows.items} rowKey={rowKey} />;
  return <Table className={className} caption={caption} columns={columns((g) => <GroupRuns group={g} />, rows.items, selection, onOpenFlow)} rows={rows.items} rowKey={rowKey} />;
}
