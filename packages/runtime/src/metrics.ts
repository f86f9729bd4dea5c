import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { BindingMeasurement, Runtime } from './runtime.ts';
import { processingBuckets } from './status.ts';

type BindingLabel = 'flow' | 'algorithm' | 'connection' | 'topic';
const bindingLabels: BindingLabel[] = ['flow', 'algorithm', 'connection', 'topic'];
const states = ['starting', 'running', 'paused', 'error', 'stopped'] as const;

function labelsOf({ status }: BindingMeasurement): Record<BindingLabel, string> {
  return { flow: status.flowId, algorithm: status.algorithm, connection: status.connection, topic: status.topic };
}

/** One line of a histogram as prom-client's registry formats it. */
interface HistogramValue {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

/**
 * The processing-time histogram, read from the runtime's plain counts when scraped (see
 * `ProcessingTimes`): prom-client formats it like its own histograms.
 */
class ProcessingHistogram {
  readonly name = 'eventflows_binding_processing_seconds';
  readonly help = 'Time to process one message (decode, invoke with retries, encode), in seconds.';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  constructor(private readonly read: () => BindingMeasurement[]) {}

  get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: HistogramValue[] }> {
    const values: HistogramValue[] = [];
    for (const measurement of this.read()) {
      const labels = labelsOf(measurement);
      const { counts, count, sum } = measurement.processing;
      let cumulative = 0;
      processingBuckets.forEach((bound, i) => {
        cumulative += counts[i] ?? 0;
        values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: bound }, value: cumulative });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: count });
      values.push({ metricName: `${this.name}_sum`, labels, value: sum });
      values.push({ metricName: `${this.name}_count`, labels, value: count });
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values });
  }

  reset(): void {
    // The counts belong to the runtime; a registry reset does not clear them.
  }
}

/**
 * A Prometheus registry of `runtime`'s bindings, read when scraped: counters of consumed, published,
 * failed and dead-lettered messages, gauges of lag in messages and in seconds and of each binding's
 * state, and a histogram of processing time, all labelled by flow, algorithm, connection and topic.
 * With `process` (default true) it has prom-client's process metrics too (CPU, memory, event loop).
 */
export function runtimeMetrics(runtime: Pick<Runtime, 'measurements'>, options: { process?: boolean } = {}): Registry {
  const registry = new Registry();
  // One read of the runtime per scrape, shared by every metric of the registry.
  let read: { at: number; measurements: BindingMeasurement[] } | undefined;
  const measurements = (): BindingMeasurement[] => {
    const now = Date.now();
    if (!read || now - read.at > 100) read = { at: now, measurements: runtime.measurements() };
    return read.measurements;
  };
  const counter = (name: string, help: string, value: (m: BindingMeasurement) => number) =>
    new Counter({
      name,
      help,
      labelNames: bindingLabels,
      registers: [registry],
      collect() {
        this.reset();
        for (const m of measurements()) this.inc(labelsOf(m), value(m));
      },
    });
  const gauge = (name: string, help: string, value: (m: BindingMeasurement) => number) =>
    new Gauge({
      name,
      help,
      labelNames: bindingLabels,
      registers: [registry],
      collect() {
        this.reset();
        for (const m of measurements()) this.set(labelsOf(m), value(m));
      },
    });
  counter('eventflows_binding_consumed_total', 'Messages taken from the topic and finished (published, dead-lettered or void) since the binding started here.', (m) => m.status.consumed);
  counter('eventflows_binding_published_total', 'Output records acknowledged by Kafka.', (m) => m.status.published);
  counter('eventflows_binding_failed_total', 'Messages whose processing failed for good (dead-lettered or halting the binding).', (m) => m.status.failed);
  counter('eventflows_binding_dead_lettered_total', 'DLQ records acknowledged by Kafka.', (m) => m.status.deadLettered);
  gauge('eventflows_binding_lag_messages', 'Messages behind the end of the assigned partitions.', (m) => Object.values(m.status.lag).reduce((a, b) => a + b, 0));
  gauge('eventflows_binding_lag_seconds', 'Age of the oldest record taken and not yet committed, in seconds (0 when caught up).', (m) => m.status.lagSeconds);
  new Gauge({
    name: 'eventflows_binding_state',
    help: "1 for the binding's state (starting, running, paused, error, stopped), 0 for the others.",
    labelNames: [...bindingLabels, 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const m of measurements()) for (const state of states) this.set({ ...labelsOf(m), state }, m.status.state === state ? 1 : 0);
    },
  });
  // prom-client types a registry's metrics as its own four classes; it reads any object with `name` and `get()`.
  registry.registerMetric(new ProcessingHistogram(measurements) as unknown as Metric);
  if (options.process ?? true) collectDefaultMetrics({ register: registry, prefix: 'eventflows_' });
  return registry;
}
