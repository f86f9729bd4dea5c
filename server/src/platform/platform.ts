import type { CatalogAlgorithm, ListenerRef, Org, PlatformListener, Role } from '@event-flows/model';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';

/**
 * The boundary to the platform Event Flows Studio runs for: who is calling, which orgs and algorithms
 * exist, and how an algorithm is invoked. Two implementations: standalone (a configuration file and
 * built-in demo algorithms) and Algorithmia's REST API.
 */
export interface PlatformAdapter {
  readonly kind: 'standalone' | 'algorithmia';
  /** The user a bearer token belongs to, or `undefined` for an unknown token. */
  authenticate(token: string): Promise<User | undefined>;
  orgs(): Promise<Org[]>;
  /** The display names of the people with these user ids that the platform knows (others are left out). */
  displayNames(userIds: readonly string[]): Promise<Map<string, string>>;
  /** A person's name and role as the identity file knows them, or `undefined` for someone it does not know. */
  knownPerson(userId: string): Promise<{ name: string; role: Role } | undefined>;
  /**
   * The people of an org, at most `limits.orgPeople`, in the platform's order, and whether that is all
   * of them. Every failure is a {@link PlatformError} whose message is one sentence a person can act on.
   */
  people(orgId: string): Promise<OrgPeople>;
  /** The algorithms of an org (with their published versions). */
  algorithms(orgId: string): Promise<CatalogAlgorithm[]>;
  /** How the runtime invokes this platform's algorithms. */
  invocation(): { kind: 'builtin' } | { kind: 'http'; apiUrl: string; apiKey: string };
  /** The platform's Kafka event listeners; absent where the platform has none (standalone). */
  readonly eventListeners?: PlatformEventListeners;
}

/** One person of an org, as the platform knows them. */
export interface Person {
  /** Their user id, as sign-in and the audit log name them. */
  id: string;
  /** Their display name, or `null` when the platform has none. */
  name: string | null;
  /** Whether they are a cluster admin (who may do everything an admin may, in every org). */
  clusterAdmin: boolean;
  /** Whether the identity file knows them as a viewer, who may only read. */
  viewer: boolean;
}

/** An org's people as the platform lists them: the first `limits.orgPeople` at most, and whether that is all. */
export interface OrgPeople {
  /** The people, in the platform's order. */
  people: Person[];
  /** `false` when the org has more people than `limits.orgPeople`: only the first ones are here. */
  complete: boolean;
}

/** A new event listener: an algorithm at a version invoked for each message of a topic. */
export interface NewEventListener {
  algorithm: string;
  version: string;
  topic: string;
  bootstrap: readonly string[];
  timeoutSeconds?: number;
}

/**
 * The platform's event listeners, per user (`/v1/users/{userId}/event-listeners`); an org's are
 * those of its {@link PlatformAdapter.people}. Every failure is
 * a {@link PlatformError} whose message is one sentence a person can act on.
 */
export interface PlatformEventListeners {
  /** The user's listeners, every source type. */
  list(userId: string): Promise<PlatformListener[]>;
  /** Creates a Kafka listener for the user and answers it. */
  create(userId: string, listener: NewEventListener): Promise<PlatformListener>;
  /** Deletes a listener: `gone` when the platform had none by that id (deleted already). */
  remove(listener: ListenerRef): Promise<'removed' | 'gone'>;
}

/** The platform did not do what was asked (refused, failed, did not answer, or answered something unreadable). */
export class PlatformError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PlatformError';
  }
}

/**
 * What `asked` answers; a {@link PlatformError} becomes a refusal with its sentence
 * (PRECONDITION_FAILED), as an unreachable cluster refuses a deploy.
 */
export async function fromPlatform<T>(asked: Promise<T>): Promise<T> {
  try {
    return await asked;
  } catch (error) {
    if (error instanceof PlatformError) throw new DomainError('PRECONDITION_FAILED', error.message);
    throw error;
  }
}
