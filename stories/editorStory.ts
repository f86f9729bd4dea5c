import { exampleStatus } from '@event-flows/editor';
import { pipelineGraph } from '@event-flows/model';
import { expect, waitFor } from 'storybook/test';

/**
 * The live status a control may choose for the demo pipeline: none (not deployed), every binding
 * running, or one in error. Raw objects in a control would let a person type something that is no
 * status at all.
 */
const statusPresets = {
  'Not deployed': null,
  'Running': exampleStatus(pipelineGraph()),
  'alert in error': exampleStatus(pipelineGraph(), { failing: 'acme/alert' }),
} as const;

/** The controls of a story of the whole editor: its data is set by the story, its theme by the toolbar's switch. */
export const editorArgTypes = {
  graph: { control: false },
  catalog: { control: false },
  actor: { control: false },
  theme: { control: false },
  status: { control: 'select', options: Object.keys(statusPresets), mapping: statusPresets },
  alerts: { control: false },
  // Internal: a store the editor would otherwise create itself.
  store: { table: { disable: true } },
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
