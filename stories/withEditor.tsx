import { createEditorStore, EditorProvider, type EditorInit } from '@event-flows/editor';
import { demoCatalog, demoMember, pipelineGraph } from '@event-flows/model';
import type { Decorator } from '@storybook/react-vite';
import { ReactFlowProvider } from '@xyflow/react';
import { useState, type ReactNode } from 'react';

/** What a panel story puts in its editor store (`parameters.editor`); the demo pipeline by default. */
export interface EditorStoryParameters extends Partial<Omit<EditorInit, 'bindingStatus'>> {
  /** Node ids selected when the story starts. */
  selected?: readonly string[];
  /** Width of the panel's frame in pixels (default 320). */
  width?: number;
}

function PanelFrame({ editor, theme, children }: { editor: EditorStoryParameters; theme: 'light' | 'dark'; children: ReactNode }) {
  const [store] = useState(() => {
    const created = createEditorStore({
      graph: editor.graph ?? pipelineGraph(),
      catalog: editor.catalog ?? demoCatalog(),
      actor: editor.actor ?? demoMember,
      readOnly: editor.readOnly ?? false,
    });
    if (editor.selected) created.getState().actions.select({ nodeIds: editor.selected });
    return created;
  });
  const { graph, catalog, actor, readOnly } = store.getState();
  return (
    <EditorProvider store={store} graph={graph} catalog={catalog} actor={actor} readOnly={readOnly}>
      <ReactFlowProvider>
        <div className="efs-editor" data-theme={theme} style={{ width: editor.width ?? 320, height: '100vh', flexDirection: 'column' }}>
          {children}
        </div>
      </ReactFlowProvider>
    </EditorProvider>
  );
}

/**
 * Renders a panel (palette, inspector, problems) inside an editor store and React Flow's provider,
 * themed by the toolbar's switch, as it sits in the editor.
 */
export const withEditor: Decorator = (Story, { parameters, globals }) => (
  <PanelFrame editor={(parameters.editor ?? {}) as EditorStoryParameters} theme={globals.theme === 'dark' ? 'dark' : 'light'}>
    <Story />
  </PanelFrame>
);
