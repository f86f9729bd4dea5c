import { demoMember, emptyGraph, generateFlow } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { paletteGroupLimit } from './Palette.tsx';

afterEach(() => cleanup());

describe('a palette for a large installation', () => {
  it('lists a bounded number of items per group and finds the others by search', async () => {
    const { catalog } = generateFlow(400, 7);
    const topics = catalog.connections[0]?.topics.length ?? 0;
    expect(topics).toBeGreaterThan(paletteGroupLimit);
    await render(
      <div style={{ width: 1200, height: 760 }}>
        <EventFlowsEditor graph={emptyGraph()} catalog={catalog} actor={demoMember} />
      </div>,
    );
    const palette = page.getByRole('region', { name: 'Palette' });
    const topicList = palette.getByRole('list', { name: 'Topics' });
    await expect.element(topicList).toBeVisible();
    expect(topicList.getByRole('listitem').elements()).toHaveLength(paletteGroupLimit);
    await expect.element(palette.getByText(`${topics - paletteGroupLimit} more topics`, { exact: false })).toBeVisible();

    // The last topic is not listed until the search narrows the list to it.
    const last = catalog.connections[0]?.topics.at(-1)?.name ?? '';
    expect(topicList.getByText(last, { exact: true }).elements()).toHaveLength(0);
    await userEvent.fill(palette.getByRole('searchbox'), last);
    await expect.element(palette.getByRole('button', { name: new RegExp(`${last.replace('.', '\\.')}\\b`) }).first()).toBeVisible();
  });
});
