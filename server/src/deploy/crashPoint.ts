/**
 * Named points in a deploy or undeploy where a test can make the process die as `kill -9` would, to
 * prove that a restart converges from each of them. Nothing happens unless the environment variable
 * {@link crashAtVariable} names the point; nothing in production sets it.
 */

/** The environment variable that names the point at which the process kills itself, e.g. `deploy:acls-created`. */
export const crashAtVariable = 'EFS_TEST_CRASH_AT';

/** The stages of applying a plan after which a crash leaves a state of its own (see `carryOutPlan`). */
export const crashStages = [
  /** CreateTopics answered. */
  'topics-created',
  /** CreateAcls answered (the ACLs were recorded as the flow's before it was sent). */
  'acls-created',
  /** The bindings' transaction committed, before the runtime is handed them. */
  'bindings-committed',
  /** The runtime was handed the enabled bindings, before any DeleteAcls. */
  'bindings-handed-off',
  /** DeleteAcls answered, before the deleted ACLs are forgotten. */
  'acls-deleted',
] as const;
export type CrashStage = (typeof crashStages)[number];

/** A point's name: the kind of change and its stage, e.g. `undeploy:bindings-committed`. */
export type CrashPointName = `${'deploy' | 'undeploy'}:${CrashStage}`;

/**
 * Kills this process with SIGKILL (no handler runs, nothing is flushed: as `kill -9`) when
 * {@link crashAtVariable} in `env` is `name`; otherwise returns at once and does nothing.
 */
export function crashPoint(name: CrashPointName, env: NodeJS.ProcessEnv = process.env): void {
  if (env[crashAtVariable] === name) process.kill(process.pid, 'SIGKILL');
}
