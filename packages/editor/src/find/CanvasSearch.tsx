// The design system's screen-reader-only text (.efs-visually-hidden) is in ui.css.
import '../ui/ui.css';
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useFocusElements } from '../problems/index.ts';
import { useEditorStore } from '../store/index.ts';
import { useFind, useFindActions } from './FindProvider.tsx';
import { searchHits } from './searchHits.ts';
import { useSearchHits } from './useFindView.ts';
import { Button } from '../ui/Button.tsx';

/**
 * How long typing must pause before the view jumps to the first hit. Measured on a 5,000-node flow:
 * matching a keystroke is about 2 ms, but selecting a node and moving the view there redraws the
 * canvas (over a second on a busy 2-core machine), which froze typing when done on every key.
 */
const jumpAfterTypingMs = 250;

/**
 * The search box over the canvas: finds algorithms, topics and the topics of a connection by name,
 * says which hit of how many is shown (announced to screen readers), and jumps between hits — each
 * jump selects the node and centres the view on it at a readable zoom. The canvas marks every hit,
 * the current one more strongly (useFindView). Enter goes to the next hit,
 * Shift+Enter to the previous one, Escape closes the box and gives focus back.
 */
export function CanvasSearch() {
  const query = useFind((s) => s.query);
  const searchRequests = useFind((s) => s.searchRequests);
  const find = useFindActions();
  const nodes = useEditorStore((s) => s.graph.nodes);
  const catalog = useEditorStore((s) => s.catalog);
  const nodesById = useEditorStore((s) => s.nodesById);
  const connectionNames = useMemo(() => new Map(catalog.connections.map((c) => [c.id, c.name])), [catalog]);
  const hits = useSearchHits();
  const current = useFind((s) => s.currentHit);
  const show = useFocusElements();
  const input = useRef<HTMLInputElement>(null);
  // Where focus was before the box opened, to give it back on close.
  const returnTo = useRef<Element | null>(null);
  // The jump to the first hit of what is being typed, until typing pauses.
  const pendingJump = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pendingJump.current), []);

  useEffect(() => {
    returnTo.current ??= document.activeElement;
    input.current?.focus();
    input.current?.select();
  }, [searchRequests]);

  const at = Math.min(current, hits.length - 1);
  const jump = (list: readonly string[], i: number) => {
    const id = list[i];
    find.setCurrentHit(i);
    if (id) show([id], []);
  };
  const step = (by: 1 | -1) => {
    const pending = pendingJump.current !== undefined;
    clearTimeout(pendingJump.current);
    pendingJump.current = undefined;
    if (hits.length === 0) return;
    // Enter before the view caught up with the typing shows the first hit, not the second.
    jump(hits, pending && by === 1 ? 0 : (at + by + hits.length) % hits.length);
  };
  const close = () => {
    const back = returnTo.current;
    if (back instanceof HTMLElement && back.isConnected) back.focus({ preventScroll: true });
    else input.current?.closest<HTMLElement>('.efs-editor')?.focus({ preventScroll: true });
    find.closeSearch();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') step(event.shiftKey ? -1 : 1);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const hit = at >= 0 ? nodesById.get(hits[at] ?? '') : undefined;
  const hitName = !hit ? '' : hit.kind === 'algorithm' ? `algorithm ${hit.algorithm}` : `topic ${hit.topic} on ${connectionNames.get(hit.connection) ?? hit.connection}`;
  return (
    <div role="search" aria-label="Find on canvas" className="efs-find__search">
      <input
        ref={input}
        type="search"
        className="efs-find__input"
        aria-label="Find an algorithm, topic or connection"
        placeholder="Find algorithm, topic, connection"
        value={query}
        onChange={(event) => {
          // Like a browser's find: typing shows the first hit of what is typed so far, once typing pauses.
          const typed = event.target.value;
          find.setQuery(typed);
          clearTimeout(pendingJump.current);
          pendingJump.current = setTimeout(() => {
            pendingJump.current = undefined;
            jump(searchHits({ nodes }, catalog, typed), 0);
          }, jumpAfterTypingMs);
        }}
        onKeyDown={onKeyDown}
      />
      <p role="status" className="efs-find__count">
        {query.trim() === '' ? '' : hits.length === 0 ? 'No matches' : `${(at + 1).toLocaleString('en')} of ${hits.length.toLocaleString('en')}`}
        {hit ? <span className="efs-visually-hidden">: {hitName}</span> : null}
      </p>
      <Button size="small" className="efs-find__button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={hits.length === 0} onClick={() => step(-1)}>
        ↑
      </Button>
      <Button size="small" className="efs-find__button" aria-label="Next match" title="Next match (Enter)" disabled={hits.length === 0} onClick={() => step(1)}>
        ↓
      </Button>
      <Button size="small" className="efs-find__button" aria-label="Close search" title="Close (Escape)" onClick={close}>
        ×
      </Button>
    </div>
  );
}
