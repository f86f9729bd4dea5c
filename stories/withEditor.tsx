import { createEditorStore, EditorProvider, type EditorInit } from '@event-flows/editor';
import { demoCatalog, demoMember, pipelineGraph } from '@event-flows/model';
import type { Decorator } from '@storybook/react-vite';
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState, type ReactNode } from 'react';
import { storyTheme, type StoryTheme } from './storyTheme.ts';

/** What a panel story puts in its editor store (`parameters.editor`); the demo pipeline by default. */
export interface EditorStoryParameters extends Partial<Omit<EditorInit, 'bindingStatus'>> {
  /** Node and edge ids selected when the story starts. */
  selected?: readonly string[];
  /** Width of the panel's frame in pixels (default 320). */
  width?: number;
}

/** The controls of a panel story (palette, inspector, problems): they change the panel's editor after mount. */
export interface PanelStoryArgs {
  /** A viewer's panel: nothing can be changed. */
  readOnly?: boolean;
  /** Width of the panel's frame in pixels. */
  width?: number;
  /** What is selected on the canvas (the inspector shows it). */
  selected?: readonly string[];
}

/** What a panel may have selected in the demo pipeline, as a control offers it. */
const selectionPresets = {
  Nothing: [],
  'Algorithm classify': ['a-classify'],
  'Topic orders': ['t-orders'],
  'DLQ topic': ['t-dlq'],
  'Two nodes': ['a-classify', 't-orders'],
} as const;

/** Controls for {@link PanelStoryArgs}; spread into a panel story's `argTypes`. */
export const panelArgTypes = {
  readOnly: { control: 'boolean' },
  width: { control: { type: 'range', min: 240, max: 560, step: 20 } },
  selected: { control: 'select', options: Object.keys(selectionPresets), mapping: selectionPresets },
} as const;

function PanelFrame({ editor, controls, theme, children }: { editor: EditorStoryParameters; controls: PanelStoryArgs; theme: StoryTheme; children: ReactNode }) {
  const [store] = useState(() => {
    const created = createEditorStore({
      graph: editor.graph ?? pipelineGraph(),
      catalog: editor.catalog ?? demoCatalog(),
      actor: editor.actor ?? demoMember,
      readOnly: controls.readOnly ?? editor.readOnly ?? false,
    });
    const selected = controls.selected ?? editor.selected;
    if (selected) created.getState().actions.select({ nodeIds: selected, edgeIds: selected });
    return created;
  });
  // Controls changed after mount take effect, as they would in the editor.
  const readOnly = controls.readOnly ?? editor.readOnly ?? false;
  useEffect(() => store.getState().actions.setReadOnly(readOnly), [store, readOnly]);
  const selected = controls.selected;
  useEffect(() => {
    if (selected) store.getState().actions.select({ nodeIds: selected, edgeIds: selected });
  }, [store, selected]);
  const { graph, catalog, actor } = store.getState();
  return (
    <EditorProvider store={store} graph={graph} catalog={catalog} actor={actor} readOnly={readOnly}>
      <ReactFlowProvider>
        <div className="efs-editor" data-theme={theme} style={{ width: controls.width ?? editor.width ?? 320, height: '100vh', flexDirection: 'column' }}>
          {children}
        </div>
      </ReactFlowProvider>
    </EditorProvider>
  );
}

/**
 * Renders a panel (palette, inspector, problems) inside an editor store and React Flow's provider,
 * themed by the toolbar's switch, as it sits in the editor; the story's controls (readOnly, width,
 * selected) change that editor.
 */
export const withEditor: Decorator = (Story, { parameters, globals, args }) => (
  <PanelFrame editor={(parameters.editor ?? {}) as EditorStoryParameters} controls={args as PanelStoryArgs} theme={storyTheme(globals)}>
    <Story />
  </PanelFrame>
);
