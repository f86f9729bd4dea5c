import { BootstrapServer, ConnectionInput, Id, limits, Name, passwordDestinationChanges, type ConnectionAuth, type MemberTopicLimits } from '@event-flows/model';
import type { ConnectionView } from './connectionInput.ts';

/** What the connection form's fields hold (text, as typed). Secrets start empty: they are never shown back. */
export interface ConnectionDraft {
  id: string;
  name: string;
  /** Comma- or line-separated `host:port` list. */
  bootstrap: string;
  mechanism: ConnectionAuth['mechanism'];
  username: string;
  password: string;
  tls: boolean;
  /** On an edit: keep the stored CA certificate, replace it, or use the system's. */
  ca: 'keep' | 'replace' | 'none';
  caCertificate: string;
}

/** The draft's fields that can hold a problem. */
export type ConnectionField = 'id' | 'name' | 'bootstrap' | 'username' | 'password' | 'caCertificate';

/** A sentence per field that is wrong, and one for the whole form. */
export type ConnectionProblems = Partial<Record<ConnectionField | 'form', string>>;

/** The form's fields for a new connection, or for editing `connection`. */
export function connectionDraftOf(connection: ConnectionView | undefined): ConnectionDraft {
  return {
    id: connection?.id ?? '',
    name: connection?.name ?? '',
    bootstrap: connection?.bootstrap.join(', ') ?? '',
    mechanism: connection?.auth.mechanism ?? 'none',
    username: connection?.auth.username ?? '',
    password: '',
    tls: connection?.tls.enabled ?? false,
    ca: connection?.tls.hasCaCertificate ? 'keep' : 'none',
    caCertificate: '',
  };
}

/** The bootstrap servers the field lists. */
export const serversOf = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

/** Whether the draft's CA certificate differs from what `connection` stores. */
function caChanged(draft: ConnectionDraft, connection: ConnectionView): boolean {
  if (!draft.tls) return false;
  return draft.ca === 'replace' || (draft.ca === 'none' && connection.tls.hasCaCertificate);
}

/**
 * Why an edit of `connection` needs its password again, as a sentence; `undefined` when the stored one
 * may be kept. The rule is the model's ({@link passwordDestinationChanges}), the one the server holds to.
 */
export function passwordAgainReason(draft: ConnectionDraft, connection: ConnectionView | undefined): string | undefined {
  if (!connection || draft.mechanism === 'none') return undefined;
  if (!connection.hasPassword) return 'Enter a password: this connection has none stored.';
  const before = { bootstrap: connection.bootstrap, mechanism: connection.auth.mechanism, tls: connection.tls.enabled };
  const changes = passwordDestinationChanges(before, { bootstrap: serversOf(draft.bootstrap), mechanism: draft.mechanism, tls: draft.tls }, caChanged(draft, connection));
  if (changes.length === 0) return undefined;
  const listed = changes.length === 1 ? changes[0] : `${changes.slice(0, -1).join(', ')} and ${changes.at(-1)}`;
  return `Enter the password again: you changed ${listed}, and the stored password is sent only where it was entered.`;
}

/** The first sentence of a schema's refusal, capitalised, for a field. */
function schemaSentence(message: string | undefined): string {
  const text = message ?? 'This value is not valid.';
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`;
}

/**
 * The input `admin.connections.create` or `update` takes, checked against the model's schema
 * (`ConnectionInput`), or a sentence beside each field that is wrong. An edit leaves the password out
 * unless one is typed, and the CA certificate unless it is replaced or removed, so the stored ones stay.
 */
export function readConnectionDraft(
  draft: ConnectionDraft,
  connection: ConnectionView | undefined,
): { input: ConnectionInput } | { problems: ConnectionProblems } {
  const problems: ConnectionProblems = {};
  const id = draft.id.trim();
  if (!connection && !Id.safeParse(id).success) {
    problems.id = id === '' ? 'Give the connection an id (for example kafka-eu).' : `The id has 1 to ${limits.id} letters, digits, ".", "_", "-" or ":".`;
  }
  const name = Name.safeParse(draft.name);
  if (!name.success) {
    problems.name = draft.name.trim() === '' ? 'Give the connection a name.' : draft.name.length > limits.name ? `A name has at most ${limits.name} characters.` : schemaSentence(name.error.issues[0]?.message);
  }
  const servers = serversOf(draft.bootstrap);
  const badServer = servers.find((s) => !BootstrapServer.safeParse(s).success);
  if (servers.length === 0) problems.bootstrap = 'Give at least one bootstrap server, as host:port.';
  else if (servers.length > limits.bootstrapServers) problems.bootstrap = `At most ${limits.bootstrapServers} bootstrap servers.`;
  else if (badServer !== undefined) problems.bootstrap = `“${badServer.slice(0, 80)}” is not host:port (for example kafka-1.example.com:9092).`;
  const sasl = draft.mechanism !== 'none';
  if (sasl && draft.username.trim() === '') problems.username = 'Give the user name the connection signs in with.';
  else if (draft.username.length > limits.username) problems.username = `A user name has at most ${limits.username} characters.`;
  if (sasl && draft.password === '') {
    const reason = connection ? passwordAgainReason(draft, connection) : 'Enter the password the connection signs in with.';
    if (reason) problems.password = reason;
  } else if (draft.password.length > limits.password) problems.password = `A password has at most ${limits.password} characters.`;
  const replacesCa = draft.tls && (draft.ca === 'replace' || (!connection && draft.caCertificate.trim() !== ''));
  if (draft.tls && draft.ca === 'replace' && draft.caCertificate.trim() === '') problems.caCertificate = 'Paste the CA certificate (PEM), or keep the one stored.';
  else if (draft.caCertificate.length > limits.caCertificate) problems.caCertificate = `A CA certificate has at most ${limits.caCertificate / 1_024} KiB of text.`;
  if (Object.keys(problems).length > 0) return { problems };

  const auth: ConnectionAuth = sasl
    ? { mechanism: draft.mechanism, username: draft.username.trim(), ...(draft.password === '' ? {} : { password: draft.password }) }
    : { mechanism: 'none' };
  // Left out on an edit: kept. Empty: removed.
  const caCertificate = replacesCa ? draft.caCertificate.trim() : connection && draft.tls && draft.ca === 'none' && connection.tls.hasCaCertificate ? '' : undefined;
  const memberTopicLimits: MemberTopicLimits | undefined = connection?.memberTopicLimits;
  const parsed = ConnectionInput.safeParse({
    id: connection?.id ?? id,
    name: draft.name.trim(),
    bootstrap: servers,
    auth,
    tls: { enabled: draft.tls, ...(caCertificate === undefined ? {} : { caCertificate }) },
    ...(memberTopicLimits ? { memberTopicLimits } : {}),
  });
  // Every field above says its own rule first, so this only guards.
  return parsed.success ? { input: parsed.data } : { problems: { form: 'This connection is not valid; check each field.' } };
}
