import '../editor.css';
// The design system's screen-reader-only text (.efs-visually-hidden) is in ui.css.
import '../ui/ui.css';
import './eventsTab.css';
import { dlqChoices } from '@event-flows/model';
import { Fragment, useId, useState } from 'react';
import { BindingForm } from './BindingForm.tsx';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { rowKey, type AccessRequestView, type BindingChange, type BindingTarget, type EventsTabRow } from './eventsTabRows.ts';

/** Props of {@link EventsTab}. */
export interface EventsTabProps {
  /** The algorithm the tab is for, `org/name`. */
  algorithm: string;
  /** The topics it may access, as `bindings.list` returns them. */
  rows: readonly EventsTabRow[];
  /** The algorithm's versions from the catalog. */
  versions: readonly string[];
  /** Display names of the connections by id (the catalog's), so rows say "Embedded Kafka", not "local". */
  connectionNames?: ReadonlyMap<string, string>;
  /** Enables access; a rejection keeps the form open with its message. */
  onEnable: (change: BindingChange) => Promise<unknown>;
  /** Changes enabled access (version, DLQ). */
  onEdit: (change: BindingChange) => Promise<unknown>;
  /** Disables access; asked only after the user confirms. */
  onDisable: (target: BindingTarget) => Promise<unknown>;
  /** Files grant requests for the access a refused enable or edit lacks, resolving to the requests filed; without it, no "Request access" is offered. */
  onRequestAccess?: (change: BindingChange) => Promise<unknown>;
  /** The algorithm's grant requests, newest first, so a form shows what became of its request. */
  accessRequests?: readonly AccessRequestView[];
  /** The rows have not come yet: the tab says so instead of showing them (or that there are none). */
  loading?: boolean;
  /** The rows are being loaded or changed: actions wait. */
  busy?: boolean;
  /** Why the rows could not be loaded or changed. */
  error?: string | null;
  /** Viewers see the rows without any action. Default `false`. */
  readOnly?: boolean;
  /** Default `light`. */
  theme?: 'light' | 'dark';
}

type Editing = { key: string; mode: 'enable' | 'edit' } | null;

const accessLabel = { subscribe: 'Subscribe', publish: 'Publish' } as const;
const stateLabel = { enabled: 'Enabled', disabled: 'Disabled', dlq: 'In use as DLQ' } as const;

/**
 * The platform's Events tab for one algorithm: every topic it has been granted, whether that access
 * is enabled, with which version and DLQ; Enable / Edit / Disable per row (Disable after a
 * confirmation). Presentational: the data and the actions come in as props.
 */
export function EventsTab({
  algorithm,
  rows,
  versions,
  connectionNames,
  onEnable,
  onEdit,
  onDisable,
  onRequestAccess,
  accessRequests,
  loading = false,
  busy = false,
  error = null,
  readOnly = false,
  theme = 'light',
}: EventsTabProps) {
  const headingId = useId();
  const [editing, setEditing] = useState<Editing>(null);
  const [disabling, setDisabling] = useState<EventsTabRow | null>(null);
  const [disablePending, setDisablePending] = useState(false);
  const [disableError, setDisableError] = useState<string | null>(null);
  const columns = readOnly ? 6 : 7;
  const requestsId = useId();
  const pendingRequests = (accessRequests ?? []).filter((r) => r.status === 'pending');

  async function confirmDisable() {
    if (!disabling) return;
    setDisablePending(true);
    setDisableError(null);
    try {
      await onDisable({ algorithm, connection: disabling.connection, topic: disabling.topic, access: disabling.access });
      setDisabling(null);
    } catch (failure) {
      setDisableError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setDisablePending(false);
    }
  }

  return (
    <section className="efs-surface efs-events" data-theme={theme} aria-labelledby={headingId} aria-busy={busy}>
      <h2 id={headingId} className="efs-events__heading">
        Events <span className="efs-events__algorithm">{algorithm}</span>
      </h2>
      {error ? (
        <p className="efs-events__error" role="alert">
          {error}
        </p>
      ) : null}
      {loading ? (
        <p className="efs-events__busy" role="status">
          Loading the topics {algorithm} may access…
        </p>
      ) : busy ? (
        <p className="efs-events__busy" role="status">
          Working…
        </p>
      ) : null}
      {loading ? null : rows.length === 0 ? (
        <p className="efs-events__empty">{algorithm} has not been granted access to any topic. A cluster admin can grant it.</p>
      ) : (
        <table className="efs-events__table">
          <caption className="efs-visually-hidden">Topics {algorithm} may access</caption>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Connection</th>
              <th scope="col">Access</th>
              <th scope="col">State</th>
              <th scope="col">Version</th>
              <th scope="col">Dead Letter Queue</th>
              {readOnly ? null : <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const key = rowKey(row);
              const open = editing?.key === key ? editing : null;
              const label = `${row.topic} (${row.access})`;
              return (
                <Fragment key={key}>
                  <tr data-state={row.state}>
                    <th scope="row">{row.topic}</th>
                    <td>{connectionNames?.get(row.connection) ?? row.connection}</td>
                    <td>{accessLabel[row.access]}</td>
                    <td>
                      <span className="efs-events__state" data-state={row.state}>
                        {stateLabel[row.state]}
                      </span>
                    </td>
                    <td>{row.version ?? '—'}</td>
                    <td>{row.access === 'publish' ? '—' : row.dlq ? row.dlq.topic : 'Off'}</td>
                    {readOnly ? null : (
                      <td className="efs-events__actions">
                        {row.state === 'dlq' ? (
                          // Kafka lets the algorithm write here for its subscription's DLQ; publishing its results here would mix them in.
                          <span className="efs-events__note">Change it on the subscription</span>
                        ) : row.state === 'disabled' ? (
                          <Button size="small" disabled={busy || open !== null} aria-label={`Enable ${label}`} onClick={() => setEditing({ key, mode: 'enable' })}>
                            Enable
                          </Button>
                        ) : (
                          <>
                            <Button size="small" disabled={busy || open !== null} aria-label={`Edit ${label}`} onClick={() => setEditing({ key, mode: 'edit' })}>
                              Edit
                            </Button>
                            <Button
                              size="small"
                              variant="danger"
                              disabled={busy}
                              aria-label={`Disable ${label}`}
                              onClick={() => {
                                setDisableError(null);
                                setDisabling(row);
                              }}
                            >
                              Disable
                            </Button>
                          </>
                        )}
                      </td>
                    )}
                  </tr>
                  {open && !readOnly ? (
                    <tr className="efs-events__form-row">
                      <td colSpan={columns}>
                        <BindingForm
                          algorithm={algorithm}
                          row={row}
                          connectionNames={connectionNames}
                          versions={versions}
                          dlqTopics={dlqChoices(rows, row)}
                          onRequestAccess={onRequestAccess}
                          accessRequests={accessRequests}
                          submitLabel={open.mode === 'enable' ? 'Enable' : 'Save'}
                          busy={busy}
                          onCancel={() => setEditing(null)}
                          onSubmit={async (change) => {
                            await (open.mode === 'enable' ? onEnable(change) : onEdit(change));
                            setEditing(null);
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {pendingRequests.length > 0 ? (
        <section className="efs-events__requests" aria-labelledby={requestsId}>
          <h3 id={requestsId} className="efs-events__requests-title">
            Access requested
          </h3>
          <ul>
            {pendingRequests.map((r) => (
              <li key={rowKey(r)}>
                {r.access === 'publish' ? 'Publish to' : 'Subscribe to'} {r.topic} ({connectionNames?.get(r.connection) ?? r.connection}) — waiting for a cluster admin
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {disabling ? (
        <ConfirmDialog
          title={`Disable ${disabling.access} access to "${disabling.topic}"?`}
          confirmLabel="Disable"
          pending={disablePending}
          onCancel={() => setDisabling(null)}
          onConfirm={confirmDisable}
        >
          <p>
            Afterwards the algorithm no longer has access: {algorithm} stops {disabling.access === 'subscribe' ? 'receiving messages from' : 'publishing to'} “{disabling.topic}”
            and its Kafka ACLs are removed. The grant stays, so it can be enabled again.
          </p>
          {disableError ? (
            <p className="efs-events__error" role="alert">
              {disableError}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
