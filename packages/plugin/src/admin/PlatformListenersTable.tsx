import './admin.css';
import type { ApiOutputs } from '@event-flows/client';
import { Table, type TableColumn } from '@event-flows/editor';

/** A listener of the platform as `platform.listeners` lists it. */
export type Listener = ApiOutputs['platform']['listeners']['listeners'][number];

/** A listener's identity on the platform: its owner and its id. */
export const listenerKey = (l: Pick<Listener, 'userId' | 'id'>) => `${l.userId}/${l.id}`;

/** Props of {@link PlatformListenersTable}. */
export interface PlatformListenersTableProps {
  listeners: readonly Listener[];
  /** The listeners chosen for adoption, by {@link listenerKey}. */
  chosen: ReadonlySet<string>;
  onToggle: (listener: Listener) => void;
  onOpenFlow: (flowId: string) => void;
}

function ListenerStatus({ listener: l, onOpenFlow }: { listener: Listener; onOpenFlow: (flowId: string) => void }) {
  const adopted = l.adoptedInto;
  if (adopted) {
    return (
      <>
        Adopted into{' '}
        <button type="button" className="efs-app__link" onClick={() => onOpenFlow(adopted.flowId)}>
          {adopted.flowName}
        </button>
      </>
    );
  }
  if (l.problem) return <span className="efs-app__problem">Cannot be adopted: {l.problem}.</span>;
  return <>Can be adopted</>;
}

function columns({ chosen, onToggle, onOpenFlow }: Omit<PlatformListenersTableProps, 'listeners'>): TableColumn<Listener>[] {
  return [
    {
      key: 'adopt',
      header: <span className="efs-visually-hidden">Adopt</span>,
      cell: (l) => (
        <input
          type="checkbox"
          aria-label={`Adopt ${l.topic} → ${l.algorithm} (listener ${l.id})`}
          disabled={l.problem !== null || l.adoptedInto !== null}
          checked={chosen.has(listenerKey(l))}
          onChange={() => onToggle(l)}
        />
      ),
    },
    { key: 'topic', header: 'Topic', rowHeader: true, cell: (l) => l.topic || <span className="efs-app__muted">no topic</span> },
    {
      key: 'algorithm',
      header: 'Algorithm',
      cell: (l) => (
        <>
          {l.algorithm} <span className="efs-app__muted">@{l.version}</span>
        </>
      ),
    },
    { key: 'timeout', header: 'Time-out', cell: (l) => (l.timeoutSeconds === null ? <span className="efs-app__muted">default</span> : `${l.timeoutSeconds} s`) },
    { key: 'owner', header: 'Owner', cell: (l) => l.userName ?? l.userId },
    { key: 'connection', header: 'Connection', cell: (l) => (l.connection ? l.connection.name : <span className="efs-app__muted">{l.bootstrap.join(', ') || '—'}</span>) },
    { key: 'status', header: 'Status', cell: (l) => <ListenerStatus listener={l} onOpenFlow={onOpenFlow} /> },
  ];
}

/**
 * The platform's listeners, one row each: a box to choose it for adoption (only when it can be adopted),
 * its topic, algorithm at its version, time-out, owner, the studio connection it reads, and its status:
 * can be adopted, why it cannot, or the flow it was adopted into (a link).
 */
export function PlatformListenersTable({ listeners, chosen, onToggle, onOpenFlow }: PlatformListenersTableProps) {
  return (
    <Table
      className="efs-app__admin-table efs-app__listeners"
      caption={<span className="efs-visually-hidden">Platform listeners</span>}
      columns={columns({ chosen, onToggle, onOpenFlow })}
      rows={listeners}
      rowKey={listenerKey}
    />
  );
}
