import { setMaxListeners } from 'node:events';
import { bindingKey, consumerGroupTimings, type SubscribeBinding, type TopicRef } from '@event-flows/model';
import type { Tracer } from '@opentelemetry/api';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Invoker } from './invokers/invoker.ts';
import { tracePrefix } from './records.ts';
import { endOutcomeSpans, Limiter, processMessages, type MessageOutcome, type OutgoingRecord } from './processMessages.ts';
import { sendRecords } from './sendRecords.ts';
import { StatusRecorder, type BindingStatus } from './status.ts';

/** Consumer-group timings; the defaults suit production, tests shorten them. */
export interface ConsumerSettings {
  /** How long the group waits for a silent worker before moving its partitions (default 30 s). */
  readonly sessionTimeoutMs?: number;
  /** How long the group waits for a worker busy with a message during a rebalance (default 60 s; validation warns of retry policies that may take longer). */
  readonly rebalanceTimeoutMs?: number;
  /** Default 3 s. */
  readonly heartbeatIntervalMs?: number;
  /** Longest a fetch waits for new records (default 500 ms). */
  readonly maxWaitTimeMs?: number;
  /** Where a new consumer group starts: the topic's beginning (default) or its end. */
  readonly startFrom?: 'earliest' | 'latest';
}

/** What a binding consumer needs from the runtime around it. */
export interface BindingEnvironment {
  /** A client of `connection` authenticated as `principal`. */
  kafkaFor(connection: string, principal: string): Promise<Kafka>;
  /** The invoker that runs `algorithm`. */
  invokerFor(algorithm: string): Invoker;
  readonly settings: ConsumerSettings;
  /** Whether to pass W3C trace context (`traceparent`, `tracestate`) from each input to its outputs and algorithm call. */
  readonly traceContext: boolean;
  /** Whether to count how long each message takes, for the processing-time histogram of `/metrics`. */
  readonly processingTimes: boolean;
  /** Where each message's spans go, when an exporter is configured. */
  readonly tracer: Tracer | undefined;
  /** Whether DLQ records carry Kafka Connect's error context headers too. */
  readonly dlqConnectHeaders: boolean;
  log(line: string): void;
  /**
   * Told once when the binding pauses in error; `kafka` failures (a consumer that could not start or that
   * kafkajs gave up, a refused publish, DLQ write or commit) may heal by themselves.
   */
  onHalt?(consumer: BindingConsumer, failureClass: 'transient' | 'permanent' | 'kafka'): void;
}

/** Most messages processed before their outputs are sent and their offsets committed. */
const chunkSize = 5_000;

/** Settings that need a new consumer when they change (the rest apply to the next chunk). */
function restartKey(b: SubscribeBinding): string {
  return JSON.stringify([b.consumerGroup, b.principal, b.concurrency, b.ordering]);
}

/**
 * Runs one subscribe binding: one kafkajs consumer in the binding's consumer group, authenticated as
 * the algorithm's principal, that invokes the algorithm for each message and commits an offset only
 * after all outputs and DLQ records of the messages before it are acknowledged (DESIGN §5).
 */
export class BindingConsumer {
  readonly key: string;
  readonly status = new StatusRecorder();
  private binding: SubscribeBinding;
  private outputs: readonly TopicRef[];
  private consumer: Consumer | undefined;
  private readonly producers = new Map<string, Promise<Producer>>();
  private readonly abort = new AbortController();
  private limiter: Limiter;
  private halted = false;
  private stopping = false;
  /** The chunks being worked on now: each settles once its records are delivered, or it gave up. */
  private readonly chunksInFlight = new Set<Promise<unknown>>();

  constructor(
    binding: SubscribeBinding,
    outputs: readonly TopicRef[],
    private readonly env: BindingEnvironment,
  ) {
    this.key = bindingKey(binding);
    this.binding = binding;
    this.outputs = outputs;
    this.limiter = new Limiter(binding.concurrency);
    // Every invocation in flight listens for the abort; there may be `concurrency` of them.
    setMaxListeners(0, this.abort.signal);
  }

  /** The binding being run now. */
  get current(): SubscribeBinding {
    return this.binding;
  }

  /** Joins the consumer group and starts consuming; resolves once the consumer runs, or once it halted because it could not. */
  async start(): Promise<void> {
    const b = this.binding;
    const settings = this.env.settings;
    try {
      const kafka = await this.env.kafkaFor(b.connection, b.principal);
      const consumer = kafka.consumer({
        groupId: b.consumerGroup,
        sessionTimeout: settings.sessionTimeoutMs ?? consumerGroupTimings.sessionTimeoutMs,
        rebalanceTimeout: settings.rebalanceTimeoutMs ?? consumerGroupTimings.rebalanceTimeoutMs,
        heartbeatInterval: settings.heartbeatIntervalMs ?? 3_000,
        maxWaitTimeInMs: settings.maxWaitTimeMs ?? 500,
        allowAutoTopicCreation: false,
        retry: { retries: 5, initialRetryTime: 300, restartOnFailure: async () => !this.stopping },
      });
      this.consumer = consumer;
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        const assigned = new Set(event.payload.memberAssignment[b.topic] ?? []);
        for (const partition of [...this.status.lag.keys()]) if (!assigned.has(partition)) this.status.lag.delete(partition);
        for (const partition of [...this.status.oldest.keys()]) if (!assigned.has(partition)) this.status.oldest.delete(partition);
        if (!this.halted) this.status.state = 'running';
      });
      consumer.on(consumer.events.CRASH, (event) => {
        if (this.stopping) return;
        const { error, restart } = event.payload;
        if (restart) {
          // kafkajs starts this consumer again by itself.
          this.status.fail({ message: error.message, class: 'kafka', stage: 'consume', at: Date.now() });
          this.env.log(`binding ${b.algorithm} on ${b.topic}: consumer crashed, kafkajs restarts it (${error.message})`);
        } else {
          // kafkajs gave this consumer up (e.g. a missing ACL): the runtime must start a new one.
          this.halt('consume', `the consumer crashed: ${error.message}`, 'kafka');
        }
      });
      await consumer.connect();
      await consumer.subscribe({ topic: b.topic, fromBeginning: (settings.startFrom ?? 'earliest') === 'earliest' });
      await consumer.run({
        autoCommit: true,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: b.concurrency,
        eachBatch: (payload) => this.onBatch(payload),
      });
    } catch (error) {
      if (this.stopping) return;
      // Sign-in refused, broker down, ACL or topic missing: all may heal, so it is a Kafka failure the runtime retries.
      this.halt('consume', `could not start: ${error instanceof Error ? error.message : String(error)}`, 'kafka');
    }
  }

  /**
   * Takes a changed binding. Version, DLQ, outputs, retry policy and time-out apply from the next chunk of
   * messages on; resolves to `false` when the change needs a new consumer (group, principal,
   * concurrency, ordering) or the binding is halted, and the caller must restart it. Otherwise it
   * resolves once the chunks begun under the old settings have delivered (or after `drainMs`), so that
   * access only they used (the old DLQ or outputs) can be taken away afterwards without failing them.
   */
  async update(binding: SubscribeBinding, outputs: readonly TopicRef[], drainMs: number): Promise<boolean> {
    const hot = restartKey(binding) === restartKey(this.binding) && !this.halted;
    this.binding = binding;
    this.outputs = outputs;
    if (hot && this.chunksInFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)));
      await Promise.race([Promise.allSettled([...this.chunksInFlight]), waited]);
      clearTimeout(timer);
    }
    return hot;
  }

  /** A snapshot of the binding's status. */
  snapshot(): BindingStatus {
    const b = this.binding;
    return this.status.snapshot({ key: this.key, flowId: b.flowId, algorithm: b.algorithm, version: b.version, connection: b.connection, topic: b.topic });
  }

  /**
   * Leaves the group: lets in-flight chunks finish and commit (aborting invocations and retry waits after
   * `drainMs`), then disconnects. Unfinished messages stay uncommitted for the next owner.
   */
  async stop(drainMs: number): Promise<void> {
    this.stopping = true;
    const timer = setTimeout(() => this.abort.abort(), drainMs);
    try {
      await this.consumer?.disconnect();
    } catch (error) {
      this.env.log(`binding ${this.binding.algorithm} on ${this.binding.topic}: leaving the group failed (${String(error)})`);
    }
    clearTimeout(timer);
    this.abort.abort();
    await Promise.all(
      [...this.producers.values()].map(async (producer) => {
        try {
          await (await producer).disconnect();
        } catch {
          // A producer that never connected has nothing to release.
        }
      }),
    );
    if (!this.halted) this.status.state = 'stopped';
  }

  private producerFor(connection: string): Promise<Producer> {
    let producer = this.producers.get(connection);
    if (!producer) {
      producer = (async () => {
        const kafka = await this.env.kafkaFor(connection, this.binding.principal);
        const p = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 5, initialRetryTime: 100 } });
        await p.connect();
        return p;
      })();
      // A failed connect is retried with the next chunk, not cached.
      producer.catch(() => this.producers.delete(connection));
      this.producers.set(connection, producer);
    }
    return producer;
  }

  /**
   * Sends records with {@link sendRecords} (batched requests under Kafka's size limit, in order), one
   * connection's requests after another's in parallel; rejects when any record is not acknowledged.
   */
  private async send(records: readonly OutgoingRecord[]): Promise<void> {
    const byConnection = new Map<string, OutgoingRecord[]>();
    for (const record of records) {
      const list = byConnection.get(record.to.connection);
      if (list) list.push(record);
      else byConnection.set(record.to.connection, [record]);
    }
    await Promise.all([...byConnection].map(async ([connection, list]) => sendRecords(await this.producerFor(connection), list)));
  }

  /**
   * Stands the binding in error and tells the runtime, once. `position` is where processing stopped: that
   * partition's consumer is paused there. Without it the consumer is not running (it could not start, or
   * kafkajs gave it up) and there is nothing to pause.
   */
  private halt(stage: string, message: string, failureClass: 'transient' | 'permanent' | 'kafka', position?: { partition: number; offset?: string | undefined }): void {
    const b = this.binding;
    const first = !this.halted;
    this.halted = true;
    this.status.fail({
      message,
      class: failureClass,
      stage,
      at: Date.now(),
      ...(position?.offset !== undefined ? { source: { topic: b.topic, partition: position.partition, offset: position.offset } } : {}),
    });
    if (position) {
      this.env.log(`binding ${b.algorithm} on ${b.topic} paused in error at partition ${position.partition}${position.offset ? ` offset ${position.offset}` : ''}: ${message}`);
      this.consumer?.pause([{ topic: b.topic }]);
    } else {
      this.env.log(`binding ${b.algorithm} on ${b.topic} stopped in error: ${message}`);
    }
    if (first) this.env.onHalt?.(this, failureClass);
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isRunning, isStale, heartbeat } = payload;
    let rebalancing = false;
    const beat = setInterval(() => {
      heartbeat().catch(() => {
        rebalancing = true;
      });
    }, this.env.settings.heartbeatIntervalMs ?? 3_000);
    try {
      for (let start = 0; start < batch.messages.length; start += chunkSize) {
        if (this.halted || !isRunning() || isStale() || rebalancing) return;
        const work = this.processChunk(batch.messages.slice(start, start + chunkSize), batch.messages[start + chunkSize], payload);
        this.chunksInFlight.add(work);
        try {
          if (!(await work)) return;
        } finally {
          this.chunksInFlight.delete(work);
        }
      }
    } finally {
      clearInterval(beat);
    }
  }

  /**
   * Invokes the algorithm for one chunk of a batch under the settings of the moment, delivers the
   * outcomes' records and commits; resolves to whether the batch's next chunk (starting with `next`)
   * may follow.
   */
  private async processChunk(chunk: EachBatchPayload['batch']['messages'], next: KafkaMessage | undefined, payload: EachBatchPayload): Promise<boolean> {
    const { batch, resolveOffset, commitOffsetsIfNecessary } = payload;
    const binding = this.binding;
    // Until the chunk is committed, its first record is the partition's oldest unfinished one (lag in seconds).
    if (chunk[0]) this.status.oldest.set(batch.partition, Number(chunk[0].timestamp));
    const outcomes = await processMessages(chunk, {
      binding,
      outputs: this.outputs,
      partition: batch.partition,
      tracePrefix: tracePrefix(binding),
      invoker: this.env.invokerFor(binding.algorithm),
      limiter: this.limiter,
      signal: this.abort.signal,
      onRetryWait: (attempt, maxAttempts) => this.status.retryWait(attempt, maxAttempts),
      traceContext: this.env.traceContext,
      tracer: this.env.tracer,
      dlqConnectHeaders: this.env.dlqConnectHeaders,
      timings: this.env.processingTimes ? this.status.times : undefined,
    });
    const finished = outcomes.filter((o) => o.kind === 'done' || o.kind === 'dlq' || o.kind === 'undecodable');
    const stop = outcomes.find((o) => o.kind === 'halt' || o.kind === 'abandoned');
    if (stop && this.env.tracer) endOutcomeSpans([stop]);
    if (!(await this.deliver(finished, batch.partition))) return false;
    const last = finished[finished.length - 1];
    if (last) {
      resolveOffset(last.message.offset);
      const behind = Math.max(0, Number(batch.highWatermark) - Number(last.message.offset) - 1);
      this.status.lag.set(batch.partition, behind);
      // The next record waits from its own timestamp on; one not fetched yet is no older than the last one done.
      const waiting = stop?.message ?? next;
      if (waiting) this.status.oldest.set(batch.partition, Number(waiting.timestamp));
      else if (behind > 0) this.status.oldest.set(batch.partition, Number(last.message.timestamp));
      else this.status.oldest.delete(batch.partition);
      try {
        await commitOffsetsIfNecessary();
      } catch (error) {
        // The group moved on (a rebalance): the new owner starts from the last commit; nothing is lost.
        this.env.log(`binding ${binding.algorithm} on ${binding.topic}: commit refused (${String(error)})`);
      }
    }
    if (stop?.kind === 'halt') {
      this.status.failed++;
      const f = stop.failure;
      this.halt(f?.stage ?? 'invoke', `${f?.message ?? 'failed'} (no DLQ: the binding waits)`, f?.failureClass ?? 'permanent', { partition: batch.partition, offset: stop.message.offset });
    }
    return !stop;
  }

  /** Sends the outcomes' records and counts them; false (and the binding halted) when Kafka refused them. */
  private async deliver(finished: readonly MessageOutcome[], partition: number): Promise<boolean> {
    const outputs: OutgoingRecord[] = [];
    const dead: OutgoingRecord[] = [];
    for (const outcome of finished) for (const record of outcome.records) (outcome.kind === 'done' ? outputs : dead).push(record);
    const results = await Promise.allSettled([
      outputs.length ? this.send(outputs) : Promise.resolve(),
      dead.length ? this.send(dead) : Promise.resolve(),
    ]);
    const [published, deadLettered] = results;
    if (published?.status === 'rejected' || deadLettered?.status === 'rejected') {
      const publishFailed = published?.status === 'rejected';
      const reason = publishFailed ? (published as PromiseRejectedResult).reason : (deadLettered as PromiseRejectedResult).reason;
      const message = reason instanceof Error ? reason.message : String(reason);
      if (this.env.tracer) endOutcomeSpans(finished, message);
      this.halt(publishFailed ? 'publish' : 'dead-letter', `${publishFailed ? 'publishing' : 'writing to the DLQ'} failed: ${message}`, 'kafka', { partition, offset: finished[0]?.message.offset });
      return false;
    }
    if (this.env.tracer) endOutcomeSpans(finished);
    this.status.consumed += finished.length;
    this.status.published += outputs.length;
    this.status.deadLettered += dead.length;
    this.status.failed += finished.filter((o) => o.kind !== 'done').length;
    this.reportUndecodable(finished.filter((o) => o.kind === 'undecodable'), partition);
    return true;
  }

  /** Tells in the status (the last one) and the log (each one) about the batches that could not be decoded; the binding keeps running. */
  private reportUndecodable(skipped: readonly MessageOutcome[], partition: number): void {
    const b = this.binding;
    const fate = b.dlq ? `dead-lettered to ${b.dlq.topic}` : 'skipped: the binding has no DLQ';
    // Every stand-in of one batch carries the same failure: report each batch once, at its first offset.
    const batches = new Map<string, MessageOutcome>();
    for (const outcome of skipped) if (outcome.failure && !batches.has(outcome.failure.message)) batches.set(outcome.failure.message, outcome);
    for (const [reason, outcome] of batches) {
      const message = `${reason} (${fate})`;
      const source = { topic: b.topic, partition, offset: outcome.message.offset };
      this.status.fail({ message, class: 'permanent', stage: 'decode', at: Date.now(), source }, this.status.state);
      this.env.log(`binding ${b.algorithm} on ${b.topic} partition ${partition}: ${message}`);
    }
  }
}
