import { expect } from 'vitest';
import type { Locator } from 'vitest/browser';

/** The sentence a field points at with `aria-describedby`, as a person reads it beside the field. */
export async function problemBeside(field: Locator): Promise<string | undefined> {
  await expect.element(field).toHaveAttribute('aria-invalid', 'true');
  const id = field.element().getAttribute('aria-describedby') ?? '';
  return document.getElementById(id)?.textContent ?? undefined;
}

/** Fails when the page shows a raw error: a JSON array or object dump, or an error's `"code"`. */
export function expectNoRawErrors(): void {
  const text = document.body.textContent ?? '';
  expect(text).not.toMatch(/\[\{|"code"/);
}
