/**
 * Words the studio and the server say about numbers: counts with the right plural, sizes in units a
 * person reads, and times. One place, so "1 partitions" cannot come back in a second spelling.
 */

const englishPlurals = new Intl.PluralRules('en');

/**
 * `count` followed by the noun in the form English uses for it: `countOf(1, 'edge')` is "1 edge",
 * `countOf(2, 'edge')` is "2 edges". Pass `other` when the plural is not the noun plus "s"
 * (`countOf(2, 'policy', 'policies')`). Counts of 1,000 and more are grouped ("1,200 nodes").
 */
export function countOf(count: number, one: string, other = `${one}s`): string {
  return `${count.toLocaleString('en')} ${pluralOf(count, one, other)}`;
}

/** The noun alone, in the form English uses after `count`: `pluralOf(3, 'error')` is "errors". */
export function pluralOf(count: number, one: string, other = `${one}s`): string {
  return englishPlurals.select(count) === 'one' ? one : other;
}

/** The verb after a count as subject: "1 error blocks", "2 errors block" (`verbFor(n, 'blocks', 'block')`). */
export function verbFor(count: number, one: string, other: string): string {
  return englishPlurals.select(count) === 'one' ? one : other;
}

/**
 * A size in bytes as a person reads it, in decimal units: "900 bytes", "12 kB", "2.1 MB". One
 * decimal below 10 of a unit, none above; whole numbers keep no ".0" ("1 MB").
 */
export function sizeOf(bytes: number): string {
  if (bytes < 1_000) return countOf(bytes, 'byte');
  const units = ['kB', 'MB', 'GB', 'TB'] as const;
  let value = bytes / 1_000;
  let unit = 0;
  while (value >= 1_000 && unit < units.length - 1) {
    value /= 1_000;
    unit += 1;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown.toLocaleString('en')} ${units[unit]}`;
}

const minuteTimes = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const secondTimes = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * When something happened, for a person, the one way the studio writes it: "7 Dec 2026, 02:00" (or
 * "7 Dec 2026, 02:00:41" with `precision` 'second', where seconds tell records apart), in the
 * reader's time zone. `at` is an ISO time or a `Date`.
 */
export function formatTime(at: string | Date, precision: 'minute' | 'second' = 'minute'): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return (precision === 'second' ? secondTimes : minuteTimes).format(date);
}

/** How many bytes `text` takes as UTF-8, as it goes over the wire. */
export function utf8Bytes(text: string): number {
  // The model has no TextEncoder (no DOM, no Node); a code point's UTF-8 length is plain arithmetic.
  let bytes = 0;
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
  }
  return bytes;
}
