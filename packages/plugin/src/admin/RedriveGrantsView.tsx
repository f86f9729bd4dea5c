import { Button, EmptyState, Field, Spinner, Table, type TableColumn } from '@event-flows/editor';
import { formatTime, Id } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';
import { PersonName } from '../app/PersonName.tsx';

/** A person's redrive permission for an org, as the admin API lists it. */
export interface RedriveGrantRow {
  orgId: string;
  userId: string;
  /** The person's display name, when the platform knows it. */
  userName: string | null;
  grantedBy: string;
  grantedByName: string | null;
  grantedAt: string;
}

/** Props of {@link RedriveGrantsView}. */
export interface RedriveGrantsViewProps {
  /** The grants, or null while they are read. */
  grants: readonly RedriveGrantRow[] | null;
  /** Why the grants could not be read, as a sentence. */
  error?: string | null;
  /** The orgs a grant may be for. */
  orgs: ReadonlyArray<{ id: string; name: string }>;
  /** Gives `userId` the permission for `orgId`; rejects with a sentence when refused. */
  onGive: (grant: { orgId: string; userId: string }) => Promise<void>;
  /** Takes the permission back; rejects with a sentence when refused. */
  onTakeBack: (grant: { orgId: string; userId: string }) => Promise<void>;
}

const keyOf = (g: { orgId: string; userId: string }) => `${g.orgId}\n${g.userId}`;

/**
 * Cluster admins: who besides them may redrive (and replay) an org's dead letters, given and taken
 * back here; each change is written to the audit log by the server.
 */
export function RedriveGrantsView({ grants, error = null, orgs, onGive, onTakeBack }: RedriveGrantsViewProps) {
  const id = useId();
  const [orgId, setOrgId] = useState(orgs[0]?.id ?? '');
  const [userId, setUserId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const orgName = (org: string) => orgs.find((o) => o.id === org)?.name ?? org;

  const act = async (key: string, work: () => Promise<void>, done: string) => {
    setBusy(key);
    setRefusal(null);
    setNote(null);
    try {
      await work();
      setNote(done);
    } catch (failure) {
      setRefusal(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };
  const give = (event: FormEvent) => {
    event.preventDefault();
    const person = userId.trim();
    const parsed = Id.safeParse(person);
    if (!parsed.success) {
      setProblem(person === '' ? 'Say whose permission it is: their user id.' : `This is not a user id: ${parsed.error.issues[0]?.message ?? 'it is malformed'}.`);
      return;
    }
    setProblem(null);
    void act('give', async () => {
      await onGive({ orgId, userId: person });
      setUserId('');
    }, `${person} may now redrive the dead letters of ${orgName(orgId)}.`);
  };

  const columns: TableColumn<RedriveGrantRow>[] = [
    { key: 'person', header: 'Person', cell: (g) => <PersonName id={g.userId} name={g.userName} /> },
    { key: 'org', header: 'Org', cell: (g) => orgName(g.orgId) },
    {
      key: 'given',
      header: 'Given by',
      cell: (g) => (
        <>
          <PersonName id={g.grantedBy} name={g.grantedByName} /> <span className="efs-app__muted">· <time dateTime={g.grantedAt}>{formatTime(g.grantedAt)}</time></span>
        </>
      ),
    },
    {
      key: 'take-back',
      header: <span className="efs-visually-hidden">Take back</span>,
      cell: (g) => (
        <Button
          size="small"
          variant="danger"
          busy={busy === keyOf(g)}
          aria-label={`Take back ${g.userId}'s redrive permission for ${orgName(g.orgId)}`}
          onClick={() => void act(keyOf(g), () => onTakeBack(g), `${g.userId} may no longer redrive the dead letters of ${orgName(g.orgId)}.`)}
        >
          Take back
        </Button>
      ),
    },
  ];

  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Redrive grants</h1>
      <p className="efs-app__muted">
        Redriving puts dead letters back in front of an algorithm, so it takes its own permission. Cluster admins always have it; a member has it for an org when
        given here.
      </p>
      {error ? (
        <p role="alert" className="efs-app__problem">
          {error}
        </p>
      ) : grants === null ? (
        <Spinner label="Reading the redrive grants…" />
      ) : grants.length === 0 ? (
        <EmptyState title="No one besides cluster admins may redrive">Give a member the permission below, for their org.</EmptyState>
      ) : (
        <Table caption="Who may redrive dead letters" columns={columns} rows={grants} rowKey={keyOf} />
      )}
      {refusal ? (
        <p role="alert" className="efs-app__problem">
          {refusal}
        </p>
      ) : null}
      {note ? <p role="status">{note}</p> : null}
      <form className="efs-app__form" aria-label="Give the redrive permission" onSubmit={give} noValidate>
        <h2>Give the redrive permission</h2>
        <Field label="Org">
          <select value={orgId} onChange={(e) => setOrgId(e.target.value)}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="User id" help="The person's user id, as the audit log names them." error={problem}>
          <input value={userId} maxLength={200} onChange={(e) => setUserId(e.target.value)} autoComplete="off" />
        </Field>
        <div>
          <Button type="submit" variant="primary" busy={busy === 'give'} disabled={orgs.length === 0}>
            Give permission
          </Button>
        </div>
      </form>
    </section>
  );
}
