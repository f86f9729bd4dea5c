/** A deploy's progress, as the UI shows it step by step. */
export type DeployEvent =
  | { kind: 'started'; deploymentId: number; summary: string }
  | { kind: 'step'; deploymentId: number; step: { title: string; status: 'succeeded' | 'failed' | 'skipped'; detail?: string; durationMs: number } }
  | { kind: 'finished'; deploymentId: number; status: 'succeeded' | 'failed'; error?: string };

/**
 * In-process publish/subscribe for live events (deploy progress). Events reach subscribers of this
 * process; the deployment record in the database is the durable account for every replica.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<(event: DeployEvent) => void>>();

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
}

/** The channel of a flow's deploy progress. */
export const deployChannel = (flowId: string) => `deploy:${flowId}`;
