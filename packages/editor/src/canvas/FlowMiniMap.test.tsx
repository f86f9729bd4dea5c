import { demoCatalog, demoMember, pipelineGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';

afterEach(() => cleanup());

function miniMap(): HTMLCanvasElement {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas[aria-label="Mini map"]');
  if (!canvas) throw new Error('there is no mini map');
  return canvas;
}

/** How many pixels of the mini map are the CSS hex colour `hex`, drawn nearly opaque. */
function pixelsOf(hex: string): number {
  const canvas = miniMap();
  const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? new Uint8ClampedArray();
  const expected = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (expected.every((channel, c) => Math.abs((data[i + c] ?? -1) - channel) <= 12) && (data[i + 3] ?? 0) >= 200) count++;
  }
  return count;
}

/** The mini map's pixels, to compare two moments. */
const snapshot = () => {
  const canvas = miniMap();
  return [...(canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [])].join();
};

describe('the mini map', () => {
  it('shows the nodes in their kind colour, outlines the selection, and moves its window as the view pans', async () => {
    const graph = pipelineGraph();
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
    await render(
      <div style={{ width: 1200, height: 760 }}>
        <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly={false} theme="light" />
      </div>,
    );
    // The theme's light colours (editor.css): algorithm accent, topic accent, selection accent.
    await expect.poll(() => pixelsOf('#6b3fd4')).toBeGreaterThan(0);
    expect(pixelsOf('#0f7b6c')).toBeGreaterThan(0);
    expect(pixelsOf('#2457d6')).toBe(0);

    store.getState().actions.select({ nodeIds: ['a-enrich'] });
    await expect.poll(() => pixelsOf('#2457d6')).toBeGreaterThan(0);

    const before = snapshot();
    const pane = document.querySelector<HTMLElement>('.react-flow__pane');
    if (!pane) throw new Error('the canvas pane is missing');
    const box = pane.getBoundingClientRect();
    const mouse = (type: string, step: number, target: EventTarget) =>
      target.dispatchEvent(
        new MouseEvent(type, { bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1, clientX: box.x + 10 + step * 20, clientY: box.y + box.height - 10 - step * 10 }),
      );
    mouse('mousedown', 0, pane);
    for (let step = 1; step <= 10; step++) mouse('mousemove', step, window);
    mouse('mouseup', 10, window);
    await expect.poll(snapshot).not.toBe(before);
    expect(pixelsOf('#6b3fd4')).toBeGreaterThan(0);
  });
});
