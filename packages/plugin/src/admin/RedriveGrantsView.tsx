import { Button, EmptyState, Field, Spinner, Table, type TableColumn } from '@event-flows/editor';
import { formatTime, Id, limits } from '@event-flows/model';
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

/** One of an org's people, as the admin API lists them to choose whom to give the permission. */
export interface RedrivePerson {
  userId: string;
  /** Their display name, when the platform knows it. */
  name: string | null;
  /** A cluster admin, who may always redrive. */
  clusterAdmin: boolean;
  /** A viewer, who may only read and so is not given the permission. */
  viewer: boolean;
  /** Whether they hold the permission for this org already. */
  granted: boolean;
}

/** Props of {@link RedriveGrantsView}. */
export interface RedriveGrantsViewProps {
  /** The grants, or null while they are read. */
  grants: readonly RedriveGrantRow[] | null;
  /** Why the grants could not be read, as a sentence. */
  error?: string | null;
  /** The orgs a grant may be for. */
  orgs: ReadonlyArray<{ id: string; name: string }>;
  /** The org the permission is given for. */
  orgId: string;
  /** Another org is chosen: its people are to be read. */
  onOrgChange: (orgId: string) => void;
  /** The chosen org's people, or null while they are read (or when they could not be). */
  people: readonly RedrivePerson[] | null;
  /**
   * `false` when the org has more people than the platform is asked for: only the first are in
   * `people`, and someone else is given the permission by their typed user id. Default `true`.
   */
  peopleComplete?: boolean;
  /** Why the platform could not list the org's people, as a sentence: the user id is typed instead. */
  peopleError?: string | null;
  /** Gives `userId` the permission for `orgId`; rejects with a sentence when refused. */
  onGive: (grant: { orgId: string; userId: string }) => Promise<void>;
  /** Takes the permission back; rejects with a sentence when refused. */
  onTakeBack: (grant: { orgId: string; userId: string }) => Promise<void>;
}

const keyOf = (g: { orgId: string; userId: string }) => `${g.orgId}\n${g.userId}`;

/** The person choice's last option when the list is cut: not a user id (ids have no "*"), so no person's option carries it. */
const someoneElseOption = '*someone-else';

/** Why a person is shown but not offered, or null when they are offered. */
function notOfferedBecause(p: RedrivePerson): string | null {
  if (p.clusterAdmin) return 'a cluster admin';
  if (p.viewer) return 'a viewer: may only read';
  return p.granted ? 'given already' : null;
}

/** A person as the choice offers them: the name, the user id as secondary text, and why they are not offered. */
function optionLabel(p: RedrivePerson): string {
  const who = p.name ? `${p.name} · ${p.userId}` : p.userId;
  const because = notOfferedBecause(p);
  return because ? `${who}: ${because}` : who;
}

/**
 * Cluster admins: who besides them may redrive (and replay) an org's dead letters, given and taken
 * back here; each change is written to the audit log by the server.
 */
export function RedriveGrantsView({ grants, error = null, orgs, orgId, onOrgChange, people, peopleComplete = true, peopleError = null, onGive, onTakeBack }: RedriveGrantsViewProps) {
  const id = useId();
  const [userId, setUserId] = useState('');
  const [someoneElse, setSomeoneElse] = useState(false);
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
  // The org has more people than are listed: anyone not offered is typed by user id.
  const cut = people !== null && !peopleComplete;
  // Typed when the platform could not list the org's people, or for someone the cut list leaves out.
  const typing = peopleError !== null || (cut && someoneElse);
  const offered = people?.filter((p) => notOfferedBecause(p) === null) ?? [];
  const give = (event: FormEvent) => {
    event.preventDefault();
    const person = userId.trim();
    const parsed = Id.safeParse(person);
    if (!parsed.success) {
      if (!typing) setProblem('Choose whose permission it is.');
      else setProblem(person === '' ? 'Say whose permission it is: their user id.' : `This is not a user id: ${parsed.error.issues[0]?.message ?? 'it is malformed'}.`);
      return;
    }
    setProblem(null);
    const name = people?.find((p) => p.userId === person)?.name ?? person;
    void act('give', async () => {
      await onGive({ orgId, userId: person });
      setUserId('');
    }, `${name} may now redrive the dead letters of ${orgName(orgId)}.`);
  };
  const chooseOrg = (next: string) => {
    setUserId('');
    setSomeoneElse(false);
    setProblem(null);
    onOrgChange(next);
  };
  const choosePerson = (value: string) => {
    setSomeoneElse(value === someoneElseOption);
    setUserId(value === someoneElseOption ? '' : value);
  };
  const userIdField = (help: string) => (
    <Field label="User id" help={help} error={problem}>
      <input value={userId} maxLength={200} onChange={(e) => setUserId(e.target.value)} autoComplete="off" />
    </Field>
  );
  const shownNotOffered = 'Those who may redrive already, and viewers, are shown, not offered.';
  const personHelp = cut
    ? `Only the first ${limits.orgPeople.toLocaleString('en')} of ${orgName(orgId)}'s people are offered: the platform lists more. For anyone else, choose “Someone else” at the end and type their user id. ${shownNotOffered}`
    : `By name, their user id after it. ${shownNotOffered}`;

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
          aria-label={`Take back ${g.userName ?? g.userId}'s redrive permission for ${orgName(g.orgId)}`}
          onClick={() => void act(keyOf(g), () => onTakeBack({ orgId: g.orgId, userId: g.userId }), `${g.userName ?? g.userId} may no longer redrive the dead letters of ${orgName(g.orgId)}.`)}
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
          <select value={orgId} onChange={(e) => chooseOrg(e.target.value)}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        {peopleError !== null ? (
          userIdField(`${peopleError} Type the person's user id instead.`)
        ) : people === null ? (
          <Spinner label={`Reading ${orgName(orgId)}'s people…`} />
        ) : people.length === 0 ? (
          <p className="efs-app__muted">{orgName(orgId)} has no people on the platform.</p>
        ) : offered.length === 0 && !cut ? (
          <p className="efs-app__muted">
            {people.some((p) => p.viewer) ? `Everyone in ${orgName(orgId)} who may be given it has it already; viewers may only read.` : `Everyone in ${orgName(orgId)} may redrive already.`}
          </p>
        ) : (
          <>
            <Field label="Person" help={personHelp} error={typing ? null : problem}>
              <select value={typing ? someoneElseOption : userId} onChange={(e) => choosePerson(e.target.value)}>
                <option value="">Choose a person…</option>
                {people.map((p) => (
                  <option key={p.userId} value={p.userId} disabled={notOfferedBecause(p) !== null}>
                    {optionLabel(p)}
                  </option>
                ))}
                {cut ? <option value={someoneElseOption}>Someone else: type their user id…</option> : null}
              </select>
            </Field>
            {typing ? userIdField(`Someone in ${orgName(orgId)} who is not offered above.`) : null}
          </>
        )}
        <div>
          <Button type="submit" variant="primary" busy={busy === 'give'} disabled={orgs.length === 0 || (!typing && !cut && offered.length === 0)}>
            Give permission
          </Button>
        </div>
      </form>
    </section>
  );
}
