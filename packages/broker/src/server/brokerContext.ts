import type { AclStore } from '../auth/aclStore.ts';
import type { Authorizer, Principal } from '../auth/authorizer.ts';
import type { SaslUsers } from '../auth/saslUsers.ts';
import type { ScramExchange } from '../auth/scram.ts';
import type { CodecRegistry } from '../codec/codecRegistry.ts';
import type { Message } from '../codec/compile.ts';
import type { GroupCoordinator } from '../group/groupCoordinator.ts';
import type { OffsetStore } from '../group/offsetStore.ts';
import type { Topic, TopicStore } from '../log/topicStore.ts';

/** One connection's identity: its principal and whether SASL authentication has completed. */
export interface Session extends Principal {
  principal: string;
  authenticated: boolean;
  saslMechanism: string | null;
  /** The SCRAM exchange under way, after a SaslHandshake for a SCRAM mechanism. */
  scram?: ScramExchange | undefined;
}

/** The request being served, as handlers see it. */
export interface RequestContext {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string;
  readonly session: Session;
  /** Set by a handler to close the connection once this response is written (SASL failure). */
  closeAfterResponse: boolean;
  /** Aborted when the connection closes: work still waiting for it (a long poll) can stop. */
  readonly connectionClosed: AbortSignal;
}

/** Everything a request handler may use: the broker's state and settings. */
export interface BrokerContext {
  readonly nodeId: number;
  readonly host: string;
  port: number;
  readonly clusterId: string;
  readonly autoCreateTopics: boolean;
  readonly defaultPartitions: number;
  /** The longest a Fetch waits for `minBytes`, whatever `maxWaitMs` it asks for. */
  readonly maxFetchWaitMs: number;
  /** SASL users (PLAIN and SCRAM); none means plaintext, every client `User:ANONYMOUS`. */
  readonly saslUsers: SaslUsers;
  readonly topics: TopicStore;
  readonly groups: GroupCoordinator;
  readonly offsets: OffsetStore;
  readonly acls: AclStore;
  /** Whether the broker has an authorizer; without, the ACL APIs answer SECURITY_DISABLED and nothing is refused. */
  readonly aclsEnabled: boolean;
  /** API keys left out of ApiVersions and refused, as on an older or restricted cluster. */
  readonly apisLeftOut: ReadonlySet<number>;
  readonly authorizer: Authorizer;
  readonly codecs: CodecRegistry;
  /** Requests served so far, by API key (for operators and tests that count admin round trips). */
  readonly requestCounts: Map<number, number>;
  /** The versions used so far, by API key (tests check which versions clients negotiated). */
  readonly requestVersions: Map<number, Set<number>>;
  /** Cancels of pending long polls (one each), run when the broker closes. */
  readonly pendingWaits: Set<() => void>;
  log(line: string): void;
  nextProducerId(): number;
  /** Creates a topic with the broker defaults (auto-creation and CreateTopics share it). */
  createTopic(name: string, partitions: number, configs: Map<string, string>): Topic;
}

/** A request handler: returns the response body, a promise of it, or null for no response (acks=0). */
export type Handler = (broker: BrokerContext, req: RequestContext, body: Message) => Message | Promise<Message> | null;
