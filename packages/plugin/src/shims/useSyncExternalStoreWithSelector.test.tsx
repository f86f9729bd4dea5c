import { act, useState } from 'react';
import { useSyncExternalStoreWithSelector as upstream } from 'use-sync-external-store/shim/with-selector';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from 'vitest-browser-react';
import { useSyncExternalStoreWithSelector as ours } from './useSyncExternalStoreWithSelector.ts';

afterEach(() => cleanup());

interface State {
  items: number[];
  label: string;
}

function createStore(initial: State) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next: State) {
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const sameItems = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Drives a component through the cases zustand and React Flow rely on, and records what it rendered:
 * the selection each render returned and whether it was the very object of the render before.
 */
async function script(hook: typeof ours) {
  const store = createStore({ items: [1, 2], label: 'a' });
  const renders: Array<{ items: string; kept: boolean }> = [];
  let previous: number[] | undefined;
  let setTick: (tick: number) => void = () => undefined;

  function Probe() {
    const [, setState] = useState(0);
    setTick = setState;
    // A new selector function on every render, as an inline selector is; it returns a new array each call.
    const items = hook(store.subscribe, store.get, undefined, (state: State) => state.items.map((x) => x * 10), sameItems);
    renders.push({ items: items.join(','), kept: items === previous });
    previous = items;
    return <output>{items.join(',')}</output>;
  }

  await render(<Probe />);
  // Tells React that the updates below are wrapped in act(), so it flushes them before act() returns
  // (the render helper resets it).
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // A change elsewhere in the state: the selection is equal, so nothing renders again.
  await act(async () => store.set({ ...store.get(), label: 'b' }));
  // A change to the selected part: one render with the new selection.
  await act(async () => store.set({ ...store.get(), items: [1, 2, 3] }));
  // The same snapshot again: nothing to do.
  await act(async () => store.set(store.get()));
  // The component renders for its own reasons with a new inline selector: the equal selection is kept.
  await act(async () => setTick(1));
  return renders;
}

describe('useSyncExternalStoreWithSelector, our ES-module stand-in for the CommonJS package', () => {
  it('renders only when the selection changes, and keeps an equal selection object', async () => {
    const renders = await script(ours);
    expect(renders).toEqual([
      { items: '10,20', kept: false },
      { items: '10,20,30', kept: false },
      { items: '10,20,30', kept: true },
    ]);
  });

  it('behaves as use-sync-external-store does in the same cases', async () => {
    expect(await script(ours)).toEqual(await script(upstream));
  });
});
