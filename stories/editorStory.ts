import { expect, waitFor } from 'storybook/test';

/** The controls of a story of the whole editor: its data is set by the story, its theme by a switch. */
export const editorArgTypes = {
  graph: { control: false },
  catalog: { control: false },
  actor: { control: false },
  theme: { control: 'inline-radio', options: ['light', 'dark'] },
} as const;

/**
 * A flow opens at a readable zoom, which may leave the pipeline's far end out of view; a story presses
 * "fit view", as a person would, and waits for `nodeCount` nodes (groups included) on the canvas.
 */
export async function showWholeFlow(canvasElement: HTMLElement, nodeCount = 8): Promise<void> {
  const fit = await waitFor(() => {
    const button = canvasElement.querySelector<HTMLElement>('.react-flow__controls-fitview');
    if (!button) throw new Error('the canvas has no fit-view button');
    return button;
  });
  fit.click();
  await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__node')).toHaveLength(nodeCount));
}
