/**
 * @event-flows/runtime — the binding workers (DESIGN §4–§5): for each enabled subscribe binding, one
 * kafkajs consumer in the binding's consumer group, authenticated as the algorithm's own principal,
 * invokes the algorithm for each message and publishes its result, or dead-letters what fails.
 * At-least-once: an offset is committed only after every output and DLQ record before it is acknowledged.
 *
 * The server uses it in two ways, both thin wrappers:
 *
 * ```ts
 * // In process (`pnpm start`): the server reconciles whenever the enabled bindings change.
 * const runtime = createRuntime({
 *   connections: async (id) => ({ brokers: ['127.0.0.1:9092'] }),          // KafkaConnection, no credentials
 *   credentials: async (principal, id) => ({ mechanism: 'plain', username, password }), // or undefined
 *   invokers: { http: { apiUrl, apiKey, maxSockets: 64 } },                 // builtin defaults to builtinAlgorithms
 *   invokerFor: (algorithm) => 'builtin' | 'http',                           // default: builtin when it has it
 *   log: (line) => {},
 * });
 * await runtime.reconcile(enabledBindings);    // Binding[] from the model; publish bindings add outputs
 * runtime.onStatus((statuses) => stream(statuses));  // BindingStatus[] about once a second while changing
 * await runtime.restart(bindingKey(binding));   // e.g. the UI's "resume" for a binding paused in error
 * await runtime.close({ drain: true });
 *
 * // As its own process (`pnpm worker`): the same options plus a BindingSource over the database
 * // (load() reads table `bindings`, subscribe() LISTENs on `eventflows_bindings`).
 * const worker = await runWorker(databaseSource, options);  // SIGTERM drains, commits and exits
 *
 * // DLQ tools, for the server's `runtime` router (the server records who replayed what). `reader` reads
 * // the DLQ's cluster on clients it keeps (dlqReader(kafka), one per cluster); `producer` is a connected
 * // producer of the subscription's cluster. Both touch only the records the runtime wrote for `owner`.
 * const reader = dlqReader(kafka);
 * const records = await peekDlq(reader, { topic: 'orders.dlq', owner: binding, limit: 50 });
 * await replayDlq(reader, { dlqTopic: 'orders.dlq', owner: binding, producer, select: [{ partition: 0, offset: '12' }], replayedBy: 'alice' }); // or select: 'all'
 * ```
 */
export { createRuntime, type BindingMeasurement, type Runtime, type RuntimeOptions } from './runtime.ts';
export { runtimeMetrics } from './metrics.ts';
export { traceContextOf, traceContextHeaders, type TraceContext } from './traceContext.ts';
export { otlpTracesUrl, startTracing, type OtlpEnvironment, type Tracing } from './otlpTracing.ts';
export type { ConsumerSettings } from './bindingConsumer.ts';
export type { KafkaConnection, SaslCredentials } from './kafkaClients.ts';
export { kafkaClient } from './kafkaClients.ts';
export { registerCodecs } from './codecs.ts';
export type { BindingStatus, BindingState, BindingError } from './status.ts';
export { ProcessingFailure, TransientAlgorithmError, type FailureClass, type FailureStage } from './failures.ts';
export type { Invoker, Invocation, AlgorithmInput, AlgorithmOutput, InputContentType, OutputContentType } from './invokers/invoker.ts';
export { createBuiltinInvoker, type BuiltinAlgorithm, type BuiltinContext, type BuiltinInvoker } from './invokers/builtinInvoker.ts';
export { builtinAlgorithms } from './invokers/builtinAlgorithms.ts';
export { createHttpInvoker, type HttpInvokerOptions } from './invokers/httpInvoker.ts';
export { headerNames, contentTypeHeader, readHeader, traceHeader, traceOf, type Trace } from './records.ts';
export {
  attemptOf,
  dlqReader,
  groupDlq,
  groupScanBytes,
  matchesFilter,
  originOf,
  replayAttemptHeader,
  replayOriginHeader,
  replayRunHeader,
  type DlqFilter,
  type PartitionRange,
  type GroupResult,
  type ReplayRecordResult,
  peekDlq,
  peekScanBytes,
  replayDlq,
  replayPageRecords,
  replayedFrom,
  replayFromHeader,
  type DlqOwner,
  type DlqReader,
  type DlqReaderOptions,
  type DlqRecord,
  type DlqPosition,
  type PeekOptions,
  type PeekResult,
  type ReplayChoice,
  type ReplayOptions,
  type ReplayResult,
} from './dlq/index.ts';
export { fileBindingSource, type BindingSource } from './worker/bindingSource.ts';
export { runWorker, type Worker } from './worker/runWorker.ts';
export { followMessage, type FollowOptions, type FollowResult, type FollowStart } from './follow/followMessage.ts';
