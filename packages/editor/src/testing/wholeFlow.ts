/// <reference lib="dom" />
/**
 * For component tests of the whole editor: a flow opens at a readable zoom, which may leave part of it
 * out of view (and unmounted); unless all `nodeCount` nodes are already on the canvas, this presses
 * its "fit view" button, as a person would, and waits until they are.
 */
export async function showWholeFlow(root: ParentNode, nodeCount: number): Promise<void> {
  if (root.querySelectorAll('.react-flow__node').length >= nodeCount) return;
  const fit = root.querySelector<HTMLElement>('.react-flow__controls-fitview');
  if (!fit) throw new Error('the canvas has no fit-view button');
  fit.click();
  const deadline = Date.now() + 5_000;
  while (root.querySelectorAll('.react-flow__node').length < nodeCount) {
    if (Date.now() > deadline) throw new Error(`only ${root.querySelectorAll('.react-flow__node').length} of ${nodeCount} nodes came into view`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
