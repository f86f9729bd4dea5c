import type { DlqViewRecord } from './dlqViewerRecords.ts';

/**
 * Dead letters of acme/classify ← orders as the API shows them, for stories and tests: a JSON order the
 * algorithm refused (replayed, and failed again), an undecodable text, bytes, a time-out after retries,
 * and a long order. Timestamps are a minute apart, ending at `now`.
 */
export function exampleDlqRecords(now = Date.UTC(2026, 11, 6, 21, 0, 0)): DlqViewRecord[] {
  const at = (minutesAgo: number) => String(now - minutesAgo * 60_000);
  const base = { keyBase64: false, valueBase64: false, headers: {}, algorithm: 'acme/classify', version: '1.1.0', replayOf: null } as const;
  const longOrder = {
    id: 'o-1042',
    customer: { name: 'Ada Lovelace', email: 'ada@example.com', address: '12 Analytical Engine Street, London' },
    lines: Array.from({ length: 6 }, (_, i) => ({ sku: `SKU-${1000 + i}`, quantity: i + 1, note: 'gift wrapped, deliver after five in the evening' })),
  };
  return [
    {
      ...base,
      partition: 0,
      offset: '3',
      timestamp: at(5),
      key: 'o-17',
      value: JSON.stringify({ id: 'o-17', amount: -5, currency: 'EUR' }),
      error: { class: 'permanent', stage: 'invoke', attempts: 1, message: 'Amount must be positive, got -5 (order o-17).' },
      source: { topic: 'orders', partition: 1, offset: '17' },
    },
    {
      ...base,
      partition: 0,
      offset: '4',
      timestamp: at(4),
      key: 'o-18',
      value: 'not json at all',
      error: { class: 'permanent', stage: 'decode', attempts: 1, message: 'Unexpected token o in JSON at position 1' },
      source: { topic: 'orders', partition: 0, offset: '40' },
    },
    {
      ...base,
      partition: 1,
      offset: '7',
      timestamp: at(3),
      key: null,
      value: 'AAECA/9pbWFnZS9wbmcAAAAASUVORK5CYII=',
      valueBase64: true,
      error: { class: 'permanent', stage: 'decode', attempts: 1, message: 'Input is not JSON.' },
      source: { topic: 'orders', partition: 2, offset: '9' },
    },
    {
      ...base,
      partition: 1,
      offset: '8',
      timestamp: at(2),
      key: 'o-1042',
      value: JSON.stringify(longOrder),
      error: { class: 'transient', stage: 'invoke', attempts: 5, message: 'The algorithm did not answer within 420 s (timeout).' },
      source: { topic: 'orders', partition: 0, offset: '41' },
    },
    {
      ...base,
      partition: 0,
      offset: '9',
      timestamp: at(1),
      key: 'o-17',
      value: JSON.stringify({ id: 'o-17', amount: -5, currency: 'EUR' }),
      error: { class: 'permanent', stage: 'invoke', attempts: 1, message: 'Amount must be positive, got -5 (order o-17).' },
      source: { topic: 'orders', partition: 1, offset: '52' },
      replayOf: { partition: 0, offset: '3' },
    },
  ];
}
