import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Compares `value` with the reviewed golden file at `target`, as JSON. A missing file fails, saying how
 * to write it: a new case is reviewed like a changed one. With `update`, it writes the file first (for
 * review in the diff).
 */
export function expectGolden(target: string, value: unknown, update: boolean): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (update) writeFileSync(target, text);
  else if (!existsSync(target)) {
    throw new Error(`The golden file ${target} is missing. Write it with UPDATE_GOLDEN=1 pnpm vitest run test/model/golden.test.ts and review it before committing.`);
  }
  expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual(JSON.parse(text));
}
