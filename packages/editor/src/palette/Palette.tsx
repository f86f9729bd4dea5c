import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useId, useMemo, useState, type DragEvent } from 'react';
import { writeDroppedNode } from '../canvas/index.ts';
import { useEditorActions, useEditorStore, type NewNode } from '../store/index.ts';
import { Button, ListButton } from '../ui/index.ts';
import { NewTopicForm } from './NewTopicForm.tsx';
import { connectionsToCreateOn, filterPaletteItems, paletteItems, type PaletteItem } from './paletteItems.ts';

/**
 * Most items a group lists at once. A large installation has thousands of topics; listing them all
 * costs hundreds of milliseconds of rendering, while the search narrows them to what a person wants.
 */
export const paletteGroupLimit = 50;

/**
 * The searchable list of the org's algorithms and the connections' topics, existing or named by the
 * org's flows. Items are dragged onto the canvas, or activated (click, Enter, Space) to add them beside
 * the selection or at the first free place in view. A topic that does not exist yet is made with "New topic", or from a search
 * that names it.
 */
export function Palette() {
  const catalog = useEditorStore((s) => s.catalog);
  const orgId = useEditorStore((s) => s.actor.orgId);
  const member = useEditorStore((s) => s.actor.role !== 'admin');
  const readOnly = useEditorStore((s) => s.readOnly);
  const actions = useEditorActions();
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const [query, setQuery] = useState('');
  // The new-topic form, when open: the name and connection it starts with.
  const [creating, setCreating] = useState<{ name: string; connection?: string } | null>(null);
  const searchId = useId();
  const items = useMemo(() => paletteItems(catalog, orgId, { member }), [catalog, orgId, member]);
  const shown = useMemo(() => filterPaletteItems(items, query), [items, query]);
  const algorithms = shown.filter((i) => i.node.kind === 'algorithm');
  const topics = shown.filter((i) => i.node.kind === 'topic');
  const createOn = useMemo(() => connectionsToCreateOn(catalog, query), [catalog, query]);

  /** Adds `node` beside the selection, or at the first free place in the part of the canvas in view. */
  function addInView(node: NewNode) {
    const bounds = flowStore.getState().domNode?.getBoundingClientRect();
    // Without a canvas on the page (a palette shown alone), the node still goes in, at the first free place from the origin.
    const topLeft = bounds ? flow.screenToFlowPosition({ x: bounds.left, y: bounds.top }) : { x: 0, y: 0 };
    const bottomRight = bounds ? flow.screenToFlowPosition({ x: bounds.right, y: bounds.bottom }) : topLeft;
    actions.addNodeInView(node, { ...topLeft, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y });
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
      {creating ? (
        <NewTopicForm
          key={`${creating.name}:${creating.connection ?? ''}`}
          name={creating.name}
          {...(creating.connection ? { connection: creating.connection } : {})}
          onCancel={() => setCreating(null)}
          onSubmit={(topic) => {
            addInView(topic);
            setCreating(null);
            setQuery('');
          }}
        />
      ) : (
        <Button
          className="efs-palette__new"
          disabled={readOnly}
          onClick={() => setCreating({ name: connectionsToCreateOn(catalog, query).length > 0 ? query.trim() : '' })}
        >
          New topic
        </Button>
      )}
      <PaletteGroup title="Algorithms" items={algorithms} onActivate={addInView} />
      <PaletteGroup title="Topics" items={topics} onActivate={addInView} />
      {createOn.length > 0 && !creating ? (
        <ul aria-label="Create a topic" className="efs-palette__list">
          {createOn.map((c) => (
            <li key={c.id}>
              <ListButton tone="topic" proposed data-kind="new-topic" disabled={readOnly} onClick={() => setCreating({ name: query.trim(), connection: c.id })}>
                Create topic “{query.trim()}” on {c.name}
              </ListButton>
            </li>
          ))}
        </ul>
      ) : null}
      {shown.length === 0 && createOn.length === 0 ? (
        <p className="efs-palette__empty">
          Nothing matches “{query}”. A topic name uses only letters, digits, “.”, “_” and “-”: use New topic to make one.
        </p>
      ) : null}
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
            <ListButton
              draggable
              tone={item.node.kind}
              data-kind={item.node.kind}
              detail={item.detail}
              onDragStart={(event: DragEvent) => {
                writeDroppedNode(event.dataTransfer, item.node);
              }}
              onClick={() => onActivate(item.node)}
            >
              <span className="efs-visually-hidden">Add {item.node.kind} </span>
              <span className="efs-palette__label">{item.label}</span>
            </ListButton>
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
