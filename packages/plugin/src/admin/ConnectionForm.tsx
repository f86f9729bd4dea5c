import './admin.css';
import { limits, saslMechanisms, type ConnectionInput } from '@event-flows/model';
import { Button, Checkbox, ConfirmDialog, Field, type FieldProps } from '@event-flows/editor';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import { FormOutcome } from './FormOutcome.tsx';
import { connectionDraftOf, passwordAgainReason, readConnectionDraft, type ConnectionDraft, type ConnectionField, type ConnectionProblems } from './connectionDraft.ts';
import type { ConnectionView } from './connectionInput.ts';

/** Props of {@link ConnectionForm}. */
export interface ConnectionFormProps {
  /** The connection to edit; without it the form adds one. */
  connection?: ConnectionView;
  /** Creates or updates the connection; a rejection's message is shown beside the field it concerns. */
  onSubmit: (input: ConnectionInput) => Promise<unknown>;
  /** Deletes the edited connection; a refusal (in use by flows or grants) is shown as its sentence. */
  onDelete?: (id: string) => Promise<unknown>;
  onCancel?: () => void;
}

/** How the form names each mechanism. */
export const mechanismLabels: Record<ConnectionDraft['mechanism'], string> = {
  none: 'No authentication',
  plain: 'SASL/PLAIN',
  'scram-sha-256': 'SASL/SCRAM-SHA-256',
  'scram-sha-512': 'SASL/SCRAM-SHA-512',
};

/** The field a server refusal concerns, by what it says; the rest belongs to the whole form. */
function fieldOfRefusal(message: string): ConnectionField | 'form' {
  if (/password again/.test(message)) return 'password';
  if (/bootstrap servers cannot change/.test(message)) return 'bootstrap';
  if (/exists already/.test(message)) return 'id';
  return 'form';
}

/**
 * Adds a Kafka connection, or edits one: name, bootstrap servers, no authentication or SASL (PLAIN,
 * SCRAM-SHA-256/512) with user and password, TLS with an optional CA certificate. Stored secrets are
 * never shown back; an edit that would send the stored password elsewhere asks for it and says why.
 */
export function ConnectionForm({ connection, onSubmit, onDelete, onCancel }: ConnectionFormProps) {
  const [draft, setDraft] = useState(() => connectionDraftOf(connection));
  const [problems, setProblems] = useState<ConnectionProblems>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const id = useId();
  const sasl = draft.mechanism !== 'none';
  const passwordAgain = passwordAgainReason(draft, connection);
  const change = (patch: Partial<ConnectionDraft>) => {
    setDraft({ ...draft, ...patch });
    setDone(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const read = readConnectionDraft(draft, connection);
    if ('problems' in read) return setProblems({ form: 'Nothing was saved: correct the fields marked above.', ...read.problems });
    setProblems({});
    setBusy(true);
    try {
      await onSubmit(read.input);
      setDone(connection ? `Saved ${read.input.name}.` : `Added ${read.input.name}.`);
      setDraft(connection ? { ...draft, password: '', caCertificate: '', ca: draft.tls && (draft.ca === 'replace' || (draft.ca === 'keep' && connection.tls.hasCaCertificate)) ? 'keep' : 'none' } : connectionDraftOf(undefined));
    } catch (error) {
      const message = messageOf(error);
      setProblems({ [fieldOfRefusal(message)]: message });
    } finally {
      setBusy(false);
    }
  };

  const field = (name: ConnectionField, label: string, control: FieldProps['children'], hint?: ReactNode) => (
    <Field label={label} help={hint} error={problems[name]}>
      {control}
    </Field>
  );
  const inputProps = (name: ConnectionField) => ({ id: `${id}-${name}` });

  return (
    <form className="efs-app__form" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${id}-h`}>{connection ? `Edit ${connection.name}` : 'Add a connection'}</h2>
      {connection
        ? null
        : field('id', 'Id (used by flows; cannot change later)', <input {...inputProps('id')} value={draft.id} maxLength={limits.id} onChange={(e) => change({ id: e.target.value })} />)}
      {field('name', 'Name', <input {...inputProps('name')} value={draft.name} maxLength={limits.name} onChange={(e) => change({ name: e.target.value })} />)}
      {field(
        'bootstrap',
        'Bootstrap servers (host:port, comma-separated)',
        <input {...inputProps('bootstrap')} value={draft.bootstrap} onChange={(e) => change({ bootstrap: e.target.value })} />,
      )}
      <Field label="Authentication">
        <select value={draft.mechanism} onChange={(e) => change({ mechanism: mechanismOf(e.target.value) })}>
          {(['none', ...saslMechanisms] as const).map((m) => (
            <option key={m} value={m}>
              {mechanismLabels[m]}
            </option>
          ))}
        </select>
      </Field>
      {sasl ? (
        <>
          {field('username', 'User name', <input {...inputProps('username')} value={draft.username} maxLength={limits.username} autoComplete="off" onChange={(e) => change({ username: e.target.value })} />)}
          {field(
            'password',
            'Password',
            <input
              {...inputProps('password')}
              type="password"
              value={draft.password}
              maxLength={limits.password}
              autoComplete="new-password"
              placeholder={connection?.hasPassword ? 'Stored; leave empty to keep it' : ''}
              onChange={(e) => change({ password: e.target.value })}
            />,
            connection?.hasPassword && !problems.password ? (passwordAgain ?? 'A password is stored and never shown. Type a new one to replace it.') : undefined,
          )}
        </>
      ) : null}
      <Checkbox label="Use TLS" checked={draft.tls} onChange={(e) => change({ tls: e.target.checked })} />
      {draft.tls ? <CaCertificate id={id} draft={draft} stored={connection?.tls.hasCaCertificate ?? false} editing={connection !== undefined} problem={problems.caCertificate} onChange={change} /> : null}
      <div className="efs-app__actions">
        <Button type="submit" variant="primary" busy={busy}>
          {connection ? 'Save connection' : 'Add connection'}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{connection ? 'Close' : 'Cancel'}</Button> : null}
      </div>
      <FormOutcome problem={problems.form} done={done} />
      {connection && onDelete ? <DeleteConnection connection={connection} onDelete={onDelete} /> : null}
    </form>
  );
}

const mechanismOf = (value: string): ConnectionDraft['mechanism'] => (value === 'none' ? 'none' : (saslMechanisms.find((m) => m === value) ?? 'none'));

interface CaCertificateProps {
  id: string;
  draft: ConnectionDraft;
  stored: boolean;
  editing: boolean;
  problem: string | undefined;
  onChange: (patch: Partial<ConnectionDraft>) => void;
}

/** The CA certificate to trust over TLS: the stored one (never shown), a pasted one, or the system's. */
function CaCertificate({ id, draft, stored, editing, problem, onChange }: CaCertificateProps) {
  const pasting = !editing || draft.ca === 'replace';
  return (
    <fieldset className="efs-app__fieldset">
      <legend>CA certificate</legend>
      {editing ? (
        <>
          {stored ? (
            <Checkbox type="radio" name={`${id}-ca`} label="Keep the stored CA certificate" checked={draft.ca === 'keep'} onChange={() => onChange({ ca: 'keep' })} />
          ) : null}
          <Checkbox type="radio" name={`${id}-ca`} label={stored ? 'Replace it' : 'Use a CA certificate'} checked={draft.ca === 'replace'} onChange={() => onChange({ ca: 'replace' })} />
          <Checkbox type="radio" name={`${id}-ca`} label="Trust the system's CAs" checked={draft.ca === 'none'} onChange={() => onChange({ ca: 'none' })} />
        </>
      ) : null}
      {pasting ? (
        <>
          <Field label={editing ? 'New CA certificate (PEM)' : 'CA certificate (PEM; empty: the system\u2019s CAs)'} error={problem}>
            <textarea
              id={`${id}-caCertificate`}
              rows={4}
              value={draft.caCertificate}
              maxLength={limits.caCertificate}
              placeholder="-----BEGIN CERTIFICATE-----"
              onChange={(e) => onChange({ caCertificate: e.target.value })}
            />
          </Field>
        </>
      ) : null}
    </fieldset>
  );
}

/** Deleting a connection, after the person confirms it in a dialog; a refusal says who uses it. */
function DeleteConnection({ connection, onDelete }: { connection: ConnectionView; onDelete: (id: string) => Promise<unknown> }) {
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const remove = async () => {
    setPending(true);
    try {
      await onDelete(connection.id);
    } catch (error) {
      setRefusal(messageOf(error));
      setAsking(false);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="efs-app__danger">
      <Button
        variant="danger"
        onClick={() => {
          setAsking(true);
          setRefusal(null);
        }}
      >
        Delete connection…
      </Button>
      {asking ? (
        <ConfirmDialog title={`Delete ${connection.name}?`} confirmLabel={`Delete ${connection.name}`} onConfirm={() => void remove()} onCancel={() => setAsking(false)} pending={pending}>
          <p>Flows can no longer use it; this cannot be undone.</p>
        </ConfirmDialog>
      ) : null}
      {refusal ? (
        <p role="alert" className="efs-app__alert">
          {refusal}
        </p>
      ) : null}
    </div>
  );
}
