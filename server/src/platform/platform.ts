import type { CatalogAlgorithm, ListenerRef, Org, PlatformListener } from '@event-flows/model';
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
  /** The algorithms of an org (with their published versions). */
  algorithms(orgId: string): Promise<CatalogAlgorithm[]>;
  /** How the runtime invokes this platform's algorithms. */
  invocation(): { kind: 'builtin' } | { kind: 'http'; apiUrl: string; apiKey: string };
  /** The platform's Kafka event listeners; absent where the platform has none (standalone). */
  readonly eventListeners?: PlatformEventListeners;
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
 * The platform's event listeners, per user (`/v1/users/{userId}/event-listeners`). Every failure is
 * a {@link PlatformError} whose message is one sentence a person can act on.
 */
export interface PlatformEventListeners {
  /** The user ids of an org's members, whose listeners the org may adopt. */
  members(orgId: string): Promise<string[]>;
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
