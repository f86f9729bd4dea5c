import './admin.css';
import type { ApiOutputs } from '@event-flows/client';
import { Button, EmptyState, Table, type TableColumn } from '@event-flows/editor';
import { countOf, type ConnectionInput, type MemberTopicLimits } from '@event-flows/model';
import { useEffect, useId, useRef, useState } from 'react';
import { ConnectionForm, mechanismLabels } from './ConnectionForm.tsx';
import type { ConnectionView } from './connectionInput.ts';
import { LoadState } from './LoadState.tsx';
import type { Loaded } from './loaded.ts';
import { MemberLimitsForm } from './MemberLimitsForm.tsx';

/** What "Test connection" answered for one connection: the server's result, or why it could not ask. */
export type ConnectionTestOutcome = ApiOutputs['admin']['connections']['test'] | string;

/** What the page shows beside the table: the add form, or one connection's edit or member-limits form. */
export type OpenConnectionForm = { form: 'add' } | { form: 'edit' | 'limits'; id: string };

/** Props of {@link ConnectionsView}. */
export interface ConnectionsViewProps {
  connections: Loaded<readonly ConnectionView[]>;
  /** The last test of each connection, by id, while it is current. */
  testResults: Readonly<Record<string, ConnectionTestOutcome>>;
  /** The connection being tested now, if any. */
  testing: string | null;
  onTest: (id: string) => void;
  onCreate: (input: ConnectionInput) => Promise<unknown>;
  onUpdate: (input: ConnectionInput) => Promise<unknown>;
  /** Deletes a connection; a refusal (in use by flows or grants) is shown as its sentence. */
  onDelete: (id: string) => Promise<unknown>;
  /** Stores a connection's member topic limits (`undefined`: the defaults). */
  onSaveLimits: (connection: ConnectionView, limits: MemberTopicLimits | undefined) => Promise<unknown>;
  /** The form open at first (a story shows an edit form open). @default { form: 'add' } */
  initialOpen?: OpenConnectionForm;
}

/** A test's outcome in words. */
function testWords(result: ConnectionTestOutcome | undefined): { text: string; ok?: boolean } {
  if (result === undefined) return { text: '' };
  if (typeof result === 'string') return { text: result, ok: false };
  return result.ok ? { text: `OK in ${result.ms} ms: ${countOf(result.brokers, 'broker')}, ${countOf(result.topics, 'topic')}`, ok: true } : { text: `Failed: ${result.error}`, ok: false };
}

/** How a connection signs in, in words. */
function authWords(c: ConnectionView): string {
  const user = c.auth.username ? ` as ${c.auth.username}` : '';
  const tls = c.tls.enabled ? (c.tls.hasCaCertificate ? ' · TLS with its CA' : ' · TLS') : '';
  return `${mechanismLabels[c.auth.mechanism]}${user}${tls}`;
}

interface ColumnActions {
  testResults: ConnectionsViewProps['testResults'];
  testing: string | null;
  onTest: (id: string) => void;
  onOpen: (open: OpenConnectionForm) => void;
}

function columns({ testResults, testing, onTest, onOpen }: ColumnActions): TableColumn<ConnectionView>[] {
  return [
    {
      key: 'name', rowHeader: true,
      header: 'Connection',
      cell: (c) => (
        <>
          {c.name} <span className="efs-app__muted">({c.id})</span>
        </>
      ),
    },
    {
      key: 'bootstrap',
      header: 'Bootstrap',
      cell: (c) => (
        <ul className="efs-app__cell-list efs-app__code" aria-label={`Bootstrap servers of ${c.id}`}>
          {c.bootstrap.map((server) => (
            <li key={server}>{server}</li>
          ))}
        </ul>
      ),
    },
    { key: 'auth', header: 'Auth', cell: authWords },
    {
      key: 'test',
      header: 'Test',
      cell: (c) => {
        const words = testWords(testResults[c.id]);
        return (
          <div className="efs-app__row-actions">
            <Button size="small" busy={testing === c.id} onClick={() => onTest(c.id)} aria-label={`Test connection ${c.id}`}>
              Test connection
            </Button>
            <span role="status" className="efs-app__test-result" data-ok={words.ok}>
              {words.text}
            </span>
          </div>
        );
      },
    },
    {
      key: 'change',
      header: 'Change',
      cell: (c) => (
        <div className="efs-app__row-actions">
          <Button size="small" aria-label={`Edit connection ${c.id}`} onClick={() => onOpen({ form: 'edit', id: c.id })}>
            Edit
          </Button>
          <Button size="small" aria-label={`Member limits and guardrails of ${c.id}`} onClick={() => onOpen({ form: 'limits', id: c.id })}>
            Limits and guardrails
          </Button>
        </div>
      ),
    },
  ];
}

/**
 * The connections page as a person sees it: the Kafka connections with "test connection", and beside
 * them the form to add one, or to edit one or its member topic limits.
 */
export function ConnectionsView({ connections, testResults, testing, onTest, onCreate, onUpdate, onDelete, onSaveLimits, initialOpen = { form: 'add' } }: ConnectionsViewProps) {
  const [open, setOpen] = useState<OpenConnectionForm>(initialOpen);
  const listed = connections.state === 'ready' ? connections.data : [];
  const chosen = open.form === 'add' ? undefined : listed.find((c) => c.id === open.id);
  const id = useId();
  // A form opened from a row may sit below the fold: it is brought into view.
  const forms = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) forms.current?.scrollIntoView({ block: 'nearest' });
    opened.current = true;
  }, [open]);
  const toAdd = () => setOpen({ form: 'add' });

  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Connections</h1>
      <LoadState loaded={connections} waiting="Loading the connections…" />
      {connections.state === 'ready' && listed.length === 0 ? <EmptyState title="No connections yet">Add the Kafka clusters flows may use with the form below; their topics are then listed by themselves.</EmptyState> : null}
      {listed.length > 0 ? (
        <Table className="efs-app__admin-table" caption={<span className="efs-visually-hidden">Connections</span>} columns={columns({ testResults, testing, onTest, onOpen: setOpen })} rows={listed} rowKey={(c) => c.id} />
      ) : null}
      {open.form === 'add' ? null : (
        <div className="efs-app__actions">
          <Button onClick={toAdd}>Add a connection</Button>
        </div>
      )}
      <div ref={forms} className="efs-app__form-panel">
        {open.form === 'add' ? <ConnectionForm key="add" onSubmit={onCreate} /> : null}
        {open.form === 'edit' && chosen ? (
          <ConnectionForm
            key={`edit ${chosen.id}`}
            connection={chosen}
            onSubmit={onUpdate}
            onDelete={async (connection) => {
              await onDelete(connection);
              toAdd();
            }}
            onCancel={toAdd}
          />
        ) : null}
        {open.form === 'limits' && chosen ? (
          <MemberLimitsForm key={`limits ${chosen.id}`} connectionName={chosen.name} limits={chosen.memberTopicLimits} onSave={(limits) => onSaveLimits(chosen, limits)} onClose={toAdd} />
        ) : null}
      </div>
    </section>
  );
}
