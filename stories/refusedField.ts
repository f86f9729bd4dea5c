import { expect } from 'storybook/test';

/**
 * Checks a refused field as a person meets it in a play function: the control is marked invalid, framed
 * in the colour of the sentence that describes it, and that sentence (matching `sentence`) is part of its
 * accessible description, so a screen reader says it with the field.
 */
export async function expectRefused(control: HTMLElement, sentence: string | RegExp): Promise<void> {
  await expect(control).toHaveAttribute('aria-invalid', 'true');
  await expect(control).toHaveAccessibleDescription(typeof sentence === 'string' ? expect.stringContaining(sentence) : sentence);
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const described = ids.map((id) => control.ownerDocument.getElementById(id)).filter((el) => el !== null);
  const said = described.find((el) => (typeof sentence === 'string' ? el.textContent === sentence : sentence.test(el.textContent ?? '')));
  await expect(said, 'the sentence describing the field').toBeDefined();
  await expect(getComputedStyle(control).borderTopColor).toBe(getComputedStyle(said as HTMLElement).color);
}
