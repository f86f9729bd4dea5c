import { expect } from 'vitest';
import type { Locator } from 'vitest/browser';

/** The error colour where `field` sits (in its theme), as the browser computes it. */
function errorColourAt(field: Element): string {
  const probe = document.createElement('span');
  probe.style.color = 'var(--efs-error)';
  field.after(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/**
 * The sentence beside a refused field, as a person meets it: the field is marked invalid and framed in
 * the error colour (the design system's Field does this), and it points with `aria-describedby` at a
 * sentence in the error colour, which is returned. Help the field also points at is not the sentence.
 */
export async function problemBeside(field: Locator): Promise<string | undefined> {
  await expect.element(field).toHaveAttribute('aria-invalid', 'true');
  const control = field.element();
  const error = errorColourAt(control);
  expect(getComputedStyle(control).borderTopColor, 'the refused field is framed in the error colour').toBe(error);
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const sentences = ids.map((id) => document.getElementById(id)).filter((el): el is HTMLElement => el !== null && getComputedStyle(el).color === error);
  expect(sentences, 'one sentence in the error colour describes the field').toHaveLength(1);
  return sentences[0]?.textContent ?? undefined;
}

/** Fails when the page shows a raw error: a JSON array or object dump, or an error's `"code"`. */
export function expectNoRawErrors(): void {
  const text = document.body.textContent ?? '';
  expect(text).not.toMatch(/\[\{|"code"/);
}
