/** How much a diagnostic matters: errors block a deploy, warnings and notes do not. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Every diagnostic code the model emits. Codes are stable: the UI, the API and tests key on them,
 * so a code is never renamed or reused for another meaning.
 */
export const diagnosticCodes = [
  'schema-invalid',
  'duplicate-node-id',
  'duplicate-edge-id',
  'edge-unknown-node',
  'edge-between-topics',
  'edge-between-algorithms',
  'edge-kind-mismatch',
  'duplicate-edge',
  'subscription-dlq-invalid',
  'dlq-edge-version',
  'duplicate-algorithm-node',
  'duplicate-topic-node',
  'topic-settings-conflict',
  'multiple-dlq-edges',
  'dlq-is-input',
  'publishes-to-own-dlq',
  'cycle',
  'publishes-without-subscribing',
  'dlq-without-subscription',
  'retry-policy-invalid',
  'retry-rebalance-risk',
  'illegal-topic-name',
  'invalid-algorithm-ref',
  'unknown-algorithm',
  'algorithm-not-in-org',
  'algorithm-not-published',
  'invalid-version',
  'unknown-version',
  'floating-version',
  'unknown-connection',
  'topic-will-be-created',
  'topic-creation-not-granted',
  'topic-setting-not-allowed',
  'guardrail-topic-name',
  'guardrail-partitions',
  'guardrail-replication',
  'guardrail-retention',
  'guardrail-dlq',
  'access-not-granted',
  'access-will-be-granted',
  'binding-owned-by-other-flow',
] as const;
export type DiagnosticCode = (typeof diagnosticCodes)[number];

/** One finding about a flow graph, pointing at the nodes and edges it concerns. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** A sentence a person can act on. */
  message: string;
  nodeIds: string[];
  edgeIds: string[];
}

/** Tells whether any diagnostic is an error (and so would block a deploy). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
