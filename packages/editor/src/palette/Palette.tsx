import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useId, useMemo, useState, type DragEvent } from 'react';
import { nodeSize, writeDroppedNode } from '../canvas/index.ts';
import { useEditorActions, useEditorStore, type NewNode } from '../store/index.ts';
import { filterPaletteItems, paletteItems, type PaletteItem } from './paletteItems.ts';

/**
 * Most items a group lists at once. A large installation has thousands of topics; listing them all
 * costs hundreds of milliseconds of rendering, while the search narrows them to what a person wants.
 */
export const paletteGroupLimit = 50;

/**
 * The searchable list of the org's algorithms and the connections' topics. Items are dragged onto
 * the canvas, or activated (click, Enter, Space) to add them at the centre of the view.
 */
export function Palette() {
  const catalog = useEditorStore((s) => s.catalog);
  const orgId = useEditorStore((s) => s.actor.orgId);
  const actions = useEditorActions();
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const items = useMemo(() => paletteItems(catalog, orgId), [catalog, orgId]);
  const shown = useMemo(() => filterPaletteItems(items, query), [items, query]);
  const algorithms = shown.filter((i) => i.node.kind === 'algorithm');
  const topics = shown.filter((i) => i.node.kind === 'topic');

  function addAtCentre(node: NewNode) {
    const bounds = flowStore.getState().domNode?.getBoundingClientRect();
    const centre = bounds
      ? flow.screenToFlowPosition({ x: bounds.left + bounds.width / 2, y: bounds.top + bounds.height / 2 })
      : { x: 0, y: 0 };
    const size = nodeSize[node.kind];
    actions.addNode(node, { x: centre.x - size.width / 2, y: centre.y - size.height / 2 });
  }

  return (
    <section className="efs-palette" aria-label="Palette">
      <label className="efs-palette__search-label" htmlFor={searchId}>
        Search algorithms and topics
      </label>
      <input
        id={searchId}
        className="efs-palette__search"
        type="search"
        value={query}
        placeholder="Search…"
        onChange={(e) => setQuery(e.target.value)}
      />
      <PaletteGroup title="Algorithms" items={algorithms} onActivate={addAtCentre} />
      <PaletteGroup title="Topics" items={topics} onActivate={addAtCentre} />
      {shown.length === 0 ? <p className="efs-palette__empty">Nothing matches “{query}”.</p> : null}
    </section>
  );
}

function PaletteGroup({ title, items, onActivate }: { title: string; items: PaletteItem[]; onActivate: (node: NewNode) => void }) {
  const headingId = useId();
  if (items.length === 0) return null;
  const listed = items.length > paletteGroupLimit ? items.slice(0, paletteGroupLimit) : items;
  const hidden = items.length - listed.length;
  return (
    <div className="efs-palette__group">
      <h3 id={headingId} className="efs-palette__heading">
        {title}
      </h3>
      <ul aria-labelledby={headingId} className="efs-palette__list">
        {listed.map((item) => (
          <li key={item.key}>
            <button
              type="button"
              draggable
              className="efs-palette__item"
              data-kind={item.node.kind}
              onDragStart={(event: DragEvent) => {
                writeDroppedNode(event.dataTransfer, item.node);
              }}
              onClick={() => onActivate(item.node)}
            >
              <span className="efs-visually-hidden">Add {item.node.kind} </span>
              <span className="efs-palette__label">{item.label}</span>
              <span className="efs-palette__detail">{item.detail}</span>
            </button>
          </li>
        ))}
      </ul>
      {hidden > 0 ? (
        <p className="efs-palette__more" role="status">
          {hidden} more {title.toLowerCase()}: type in the search box to find them.
        </p>
      ) : null}
    </div>
  );
}
