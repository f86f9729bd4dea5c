/** An inclusive range of protocol versions; `none` is represented as an empty range. */
export interface VersionRange {
  readonly min: number;
  readonly max: number;
}

/** Parses Kafka's version syntax: `"3+"`, `"0-2"`, `"5"` or `"none"`. */
export function parseVersionRange(spec: string | undefined): VersionRange {
  if (spec === undefined || spec === 'none' || spec === '') return { min: 1, max: 0 };
  if (spec.endsWith('+')) return { min: Number(spec.slice(0, -1)), max: Number.MAX_SAFE_INTEGER };
  const dash = spec.indexOf('-');
  if (dash >= 0) return { min: Number(spec.slice(0, dash)), max: Number(spec.slice(dash + 1)) };
  const only = Number(spec);
  return { min: only, max: only };
}

/** True when `version` lies in the range. */
export function inRange(range: VersionRange, version: number): boolean {
  return version >= range.min && version <= range.max;
}
