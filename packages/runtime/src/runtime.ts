import { bindingKey, canonicalJson, runtimeClientId, subscriptionWithDlq, topicKey, type Binding, type SubscribeBinding, type TopicRef } from '@event-flows/model';
import type { Tracer } from '@opentelemetry/api';
import type { Kafka } from 'kafkajs';
import { BindingConsumer, type BindingEnvironment, type ConsumerSettings } from './bindingConsumer.ts';
import { ProcessingFailure } from './failures.ts';
import { createBuiltinInvoker, type BuiltinInvoker } from './invokers/builtinInvoker.ts';
import { builtinAlgorithms } from './invokers/builtinAlgorithms.ts';
import { createHttpInvoker, type HttpInvokerOptions } from './invokers/httpInvoker.ts';
import type { Invoker } from './invokers/invoker.ts';
import { kafkaClient, type KafkaConnection, type SaslCredentials } from './kafkaClients.ts';
import type { BindingStatus, ProcessingTimes } from './status.ts';

/** What {@link createRuntime} needs from its host (the server, or a worker process). */
export interface RuntimeOptions {
  /** Resolves a binding's connection id to its brokers and TLS settings. */
  connections(connectionId: string): Promise<KafkaConnection>;
  /** The SASL credentials of a principal (`User:...`) on a connection; `undefined` for a plaintext cluster. */
  credentials(principal: string, connectionId: string): Promise<SaslCredentials | undefined>;
  /** The invokers available: builtin algorithms (default: {@link builtinAlgorithms}) and the platform's API. */
  invokers?: { builtin?: BuiltinInvoker; http?: HttpInvokerOptions | Invoker };
  /** Which invoker runs an algorithm (default: builtin when it has the algorithm, else http). */
  invokerFor?(algorithm: string): 'builtin' | 'http';
  /** Consumer-group timings. */
  consumer?: ConsumerSettings;
  /** First wait before a binding that Kafka refused (it could not start or its consumer was given up, or a publish, DLQ or commit failed) tries again; it doubles up to 5 min (default 5 s). */
  recoveryBackoffMs?: number;
  /** How long `close({ drain: true })` and stopping a binding wait for in-flight work (default 30 s). */
  drainTimeoutMs?: number;
  /** Where the runtime's log lines go (default: nowhere). */
  log?(line: string): void;
  /** Whether W3C trace context (`traceparent`, `tracestate`) goes from each input record to its outputs and algorithm call (default true). */
  traceContext?: boolean;
  /** Whether each message's processing time is counted, for {@link Runtime.measurements} and `/metrics` (default true). */
  processingTimes?: boolean;
  /**
   * Where OpenTelemetry spans go (see `startTracing`): per message a consumer span, child spans for its
   * algorithm calls and sends, and outputs that carry their send span's context. None when absent.
   */
  tracer?: Tracer;
  /** Whether DLQ records carry Kafka Connect's error context headers (`__connect.errors.*`) besides the runtime's own (default true). */
  dlqConnectHeaders?: boolean;
}

/** A binding's status with how long its messages took to process, for `/metrics`. */
export interface BindingMeasurement {
  readonly status: BindingStatus;
  readonly processing: Pick<ProcessingTimes, 'counts' | 'count' | 'sum'>;
}

/** The binding workers of one process. */
export interface Runtime {
  /**
   * Makes the running consumers match `bindings` (all enabled bindings; publish bindings add outputs to
   * their algorithm's subscriptions): starts new subscribe bindings, applies changed ones (restarting
   * only the changed consumer when it must) and stops removed ones, leaving the others undisturbed.
   * Calls are serialized.
   */
  reconcile(bindings: readonly Binding[]): Promise<void>;
  /** Restarts one binding (e.g. after it paused in error), by `bindingKey`; false when it does not run here. */
  restart(key: string): Promise<boolean>;
  /** The status of every running subscribe binding, in a stable order. */
  status(): BindingStatus[];
  /** The status of every running subscribe binding with its processing times (zero when not counted). */
  measurements(): BindingMeasurement[];
  /** Calls `listener` with all statuses about once a second while any changes; returns the unsubscribe. */
  onStatus(listener: (statuses: BindingStatus[]) => void): () => void;
  /** Stops every binding: with `drain` (default), waits for in-flight work and commits it; then leaves the groups. */
  close(options?: { drain?: boolean }): Promise<void>;
}

function isInvoker(value: HttpInvokerOptions | Invoker): value is Invoker {
  return typeof (value as Invoker).invoke === 'function';
}

/** The outputs of a subscription: its own, plus the topics its algorithm is enabled to publish to. */
function outputsOf(binding: SubscribeBinding, publishes: readonly Binding[]): TopicRef[] {
  const seen = new Map<string, TopicRef>();
  const add = (ref: TopicRef): void => {
    // A flow that publishes to its own DLQ does not validate (publishes-to-own-dlq); bindings from elsewhere skip it.
    if (subscriptionWithDlq([binding], ref)) return;
    seen.set(topicKey(ref.connection, ref.topic), { connection: ref.connection, topic: ref.topic });
  };
  binding.outputs.forEach(add);
  for (const p of publishes) if (p.algorithm === binding.algorithm && p.flowId === binding.flowId) add(p);
  return [...seen.values()];
}

/**
 * Creates the runtime: a supervisor of one consumer per enabled subscribe binding (DESIGN §4–§5). The
 * server calls it in-process; a worker process wraps it with a binding source (see `runWorker`).
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const log = options.log ?? (() => {});
  const drainMs = options.drainTimeoutMs ?? 30_000;
  const builtin = options.invokers?.builtin ?? createBuiltinInvoker(builtinAlgorithms);
  const httpOption = options.invokers?.http;
  const http: Invoker | undefined = httpOption ? (isInvoker(httpOption) ? httpOption : createHttpInvoker(httpOption)) : undefined;
  const missingHttp: Invoker = {
    invoke: async (invocation) => {
      throw new ProcessingFailure(`no invoker runs ${invocation.algorithm} (the algorithm API is not configured)`, 'permanent', 'invoke', 'no-invoker');
    },
  };
  const choose = options.invokerFor ?? ((algorithm: string) => (builtin.has(algorithm) ? 'builtin' : 'http'));

  // Consecutive automatic restarts per binding key, for the backoff between them.
  const healing = new Map<string, number>();
  const recoveryMs = options.recoveryBackoffMs ?? 5_000;
  const env: BindingEnvironment = {
    settings: options.consumer ?? {},
    traceContext: options.traceContext ?? true,
    processingTimes: options.processingTimes ?? true,
    tracer: options.tracer,
    dlqConnectHeaders: options.dlqConnectHeaders ?? true,
    log,
    onHalt(consumer, failureClass) {
      // An algorithm's own failure without a DLQ waits for a person; Kafka refusing a sign-in, a consumer
      // or a write may heal (an account created, a broker back, an ACL restored), so the binding tries
      // again from its last commit, backing off. Reconciling would not: its binding has not changed.
      if (failureClass !== 'kafka' || closed) return;
      const tries = consumer.status.consumed > 0 ? 1 : (healing.get(consumer.key) ?? 0) + 1;
      healing.set(consumer.key, tries);
      const delay = Math.min(recoveryMs * 2 ** (tries - 1), 300_000);
      log(`binding ${consumer.current.algorithm} on ${consumer.current.topic}: retrying in ${Math.round(delay / 1000)} s`);
      setTimeout(() => {
        void serialized(async () => {
          const entry = consumers.get(consumer.key);
          if (closed || entry?.consumer !== consumer) return;
          await restartEntry(consumer.key, entry);
        });
      }, delay).unref();
    },
    invokerFor: (algorithm) => (choose(algorithm) === 'builtin' ? builtin : (http ?? missingHttp)),
    async kafkaFor(connection: string, principal: string): Promise<Kafka> {
      const [where, credentials] = await Promise.all([options.connections(connection), options.credentials(principal, connection)]);
      return kafkaClient(where, credentials, runtimeClientId(principal));
    },
  };

  const consumers = new Map<string, { consumer: BindingConsumer; json: string }>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function startConsumer(binding: SubscribeBinding, outputs: TopicRef[], json: string): Promise<void> {
    const consumer = new BindingConsumer(binding, outputs, env);
    consumers.set(consumer.key, { consumer, json });
    await consumer.start();
    // One that could not start has said why (and retries); the others say they run.
    if (consumer.snapshot().state !== 'error') log(`binding ${binding.algorithm} on ${binding.topic}: started (version ${binding.version}, group ${binding.consumerGroup})`);
  }

  async function restartEntry(key: string, entry: { consumer: BindingConsumer; json: string }): Promise<void> {
    consumers.delete(key);
    await entry.consumer.stop(drainMs);
    const outputs = (JSON.parse(entry.json) as { outputs: TopicRef[] }).outputs;
    await startConsumer(entry.consumer.current, outputs, entry.json);
  }

  async function apply(bindings: readonly Binding[]): Promise<void> {
    if (closed) return;
    const subscribes = bindings.filter((b): b is SubscribeBinding => b.direction === 'subscribe');
    const publishes = bindings.filter((b) => b.direction === 'publish');
    const wanted = new Map(subscribes.map((b) => [bindingKey(b), b]));
    const stops: Array<Promise<void>> = [];
    for (const [key, entry] of consumers) {
      if (!wanted.has(key)) {
        consumers.delete(key);
        const { algorithm, topic } = entry.consumer.current;
        stops.push(entry.consumer.stop(drainMs).then(() => log(`binding ${algorithm} on ${topic}: stopped`)));
      }
    }
    await Promise.all(stops);
    await Promise.all(
      [...wanted].map(async ([key, binding]) => {
        const outputs = outputsOf(binding, publishes);
        const json = canonicalJson({ binding, outputs });
        const entry = consumers.get(key);
        if (entry && entry.json === json) return;
        healing.delete(key);
        if (entry) {
          entry.json = json;
          if (await entry.consumer.update(binding, outputs, drainMs)) {
            log(`binding ${binding.algorithm} on ${binding.topic}: updated in place (version ${binding.version})`);
            return;
          }
          consumers.delete(key);
          await entry.consumer.stop(drainMs);
          log(`binding ${binding.algorithm} on ${binding.topic}: restarting with new settings`);
        }
        await startConsumer(binding, outputs, json);
      }),
    );
  }

  const listeners = new Set<(statuses: BindingStatus[]) => void>();
  let lastPushed = '';
  const status = (): BindingStatus[] => [...consumers.values()].map((e) => e.consumer.snapshot()).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ticker = setInterval(() => {
    if (listeners.size === 0) return;
    const statuses = status();
    const json = JSON.stringify(statuses);
    if (json === lastPushed) return;
    lastPushed = json;
    for (const listener of listeners) listener(statuses);
  }, 1_000);
  ticker.unref();

  return {
    reconcile: (bindings) => serialized(() => apply(bindings)),
    restart: (key) =>
      serialized(async () => {
        const entry = consumers.get(key);
        if (!entry || closed) return false;
        healing.delete(key);
        await restartEntry(key, entry);
        return true;
      }),
    status,
    measurements: () => [...consumers.values()].map((e) => ({ status: e.consumer.snapshot(), processing: e.consumer.status.times })),
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: (closeOptions) =>
      serialized(async () => {
        if (closed) return;
        closed = true;
        clearInterval(ticker);
        const wait = closeOptions?.drain === false ? 0 : drainMs;
        await Promise.all([...consumers.values()].map((e) => e.consumer.stop(wait)));
        await Promise.all([builtin.close?.(), http?.close?.()]);
      }),
  };
}
