import { userEvent } from 'storybook/test';

/** Where each element sits: its left edge and its width, in pixels. */
export const positionsOf = (elements: readonly HTMLElement[]) =>
  elements.map((element) => {
    const box = element.getBoundingClientRect();
    return { left: box.left, width: box.width };
  });

/**
 * The positions of a row of entries (navigation buttons, tabs) with each one made current by a click in
 * turn, to compare: marking the current entry should not move its neighbours.
 */
export async function positionsWithEachCurrent(entries: () => HTMLElement[]): Promise<Array<ReturnType<typeof positionsOf>>> {
  const seen = [];
  for (const index of entries().keys()) {
    const entry = entries()[index];
    if (!entry) continue;
    await userEvent.click(entry);
    seen.push(positionsOf(entries()));
  }
  return seen;
}
