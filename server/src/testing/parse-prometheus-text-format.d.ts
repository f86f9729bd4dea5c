/** Types of parse-prometheus-text-format 1.1.1, which ships none: the shapes its README documents. */
declare module 'parse-prometheus-text-format' {
  type Labels = Record<string, string>;
  export interface SampleMetric {
    readonly value: string;
    readonly labels?: Labels;
  }
  export interface HistogramMetric {
    readonly buckets: Record<string, string>;
    readonly count: string;
    readonly sum: string;
    readonly labels?: Labels;
  }
  export interface MetricFamily {
    readonly name: string;
    readonly help: string;
    readonly type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
    readonly metrics: ReadonlyArray<SampleMetric | HistogramMetric>;
  }
  /** Parses Prometheus text exposition format into metric families. */
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
