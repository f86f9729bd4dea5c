import { randomUUID } from 'node:crypto';

/** A deploy's progress, as the UI shows it step by step. */
export type DeployEvent =
  | { kind: 'started'; deploymentId: number; summary: string }
  | { kind: 'step'; deploymentId: number; step: { title: string; status: 'succeeded' | 'failed' | 'skipped'; detail?: string; durationMs: number } }
  | { kind: 'finished'; deploymentId: number; status: 'succeeded' | 'failed'; error?: string };

/**
 * Something changed that an open studio shows: a flow was saved (created, rolled back, changed by the
 * Events tab), deployed or undeployed (successfully or not), or deleted; or the catalog changed (grants,
 * grant requests, connections). It says what happened and who did it, never what a flow holds or a
 * connection's credentials: a studio that cares reads the rest through the API, as its user.
 */
export type StudioChange =
  | { kind: 'flow-saved'; flowId: string; name: string; revision: number; by: string }
  | { kind: 'flow-deleted'; flowId: string }
  | { kind: 'deployment'; flowId: string; action: 'deploy' | 'undeploy'; revision: number | null; status: 'succeeded' | 'failed'; by: string }
  | { kind: 'catalog-changed'; what: 'grants' | 'grant-requests' | 'connections' };

/** A studio change and the org it concerns (`null`: every org, e.g. a connection). */
export type ChangeListener = (orgId: string | null, change: StudioChange) => void;

/**
 * In-process publish/subscribe for live events: deploy progress and studio changes. Events reach
 * subscribers of this process; both also come in through the database from every replica (see
 * `relayChanges`): a deploy's progress is published here by the replica that runs it and announced to
 * the others, which re-publish it to their own subscribers.
 */
export class EventHub {
  /** This process's name on the database's channels, so that it does not hear its own deploy progress twice. */
  readonly origin = randomUUID();
  private readonly listeners = new Map<string, Set<(event: DeployEvent) => void>>();
  private readonly changeListeners = new Set<ChangeListener>();

  /** Delivers an event to the current subscribers of `channel`. */
  publish(channel: string, event: DeployEvent): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(event);
  }

  /** Subscribes to `channel`; returns the unsubscribe. */
  subscribe(channel: string, listener: (event: DeployEvent) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(channel);
    };
  }

  /** Delivers a studio change to every change listener of this process (each filters what its user may see). */
  publishChange(orgId: string | null, change: StudioChange): void {
    for (const listener of this.changeListeners) listener(orgId, change);
  }

  /** Listens to every studio change; returns the unsubscribe. */
  subscribeChanges(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
}

/** The channel of a flow's deploy progress. */
export const deployChannel = (flowId: string) => `deploy:${flowId}`;
