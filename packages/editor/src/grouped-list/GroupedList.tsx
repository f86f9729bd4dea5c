import './groupedList.css';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type ReactNode } from 'react';
import { Disclosure } from '../ui/index.ts';

/** One group of a {@link GroupedList}: a title, and the rows under it. */
export interface ListGroup<T> {
  /** Stable key of the group (its algorithm or connection id). */
  key: string;
  title: string;
  items: readonly T[];
}

/** Props of {@link GroupedList}. */
export interface GroupedListProps<T> {
  /** Id of the heading that names the list. */
  labelledBy: string;
  groups: readonly ListGroup<T>[];
  /** A key for an item, unique in the list. */
  itemKey: (item: T) => string;
  /** What a row shows. */
  renderItem: (item: T) => ReactNode;
}

/** A row of the flattened list: a group's header, or one item of an open group. */
type Row<T> = { kind: 'group'; group: ListGroup<T>; open: boolean } | { kind: 'item'; item: T };

/**
 * A long list in groups, each headed by its title and row count and closed until opened. Only the
 * rows in view (headers and items alike) are in the DOM, so thousands of rows stay quick to scroll
 * and to open.
 */
export function GroupedList<T>({ labelledBy, groups, itemKey, renderItem }: GroupedListProps<T>) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows: Row<T>[] = groups.flatMap((group) => {
    const isOpen = open.has(group.key);
    const header: Row<T> = { kind: 'group', group, open: isOpen };
    return isOpen ? [header, ...group.items.map((item): Row<T> => ({ kind: 'item', item }))] : [header];
  });
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 28,
    overscan: 8,
    getItemKey: (index) => {
      const row = rows[index] as Row<T>;
      return row.kind === 'group' ? `group:${row.group.key}` : `item:${itemKey(row.item)}`;
    },
  });
  const toggle = (key: string) =>
    setOpen((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <div className="efs-grouped" ref={scrollRef}>
      <ul aria-labelledby={labelledBy} className="efs-grouped__list" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index] as Row<T>;
          return (
            <li
              key={v.key}
              data-index={v.index}
              ref={virtualizer.measureElement}
              className={row.kind === 'group' ? 'efs-grouped__header' : 'efs-grouped__item'}
              style={{ transform: `translateY(${v.start}px)` }}
            >
              {row.kind === 'group' ? (
                <Disclosure expanded={row.open} onToggle={() => toggle(row.group.key)} label={row.group.title} count={row.group.items.length} />
              ) : (
                renderItem(row.item)
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * Items in groups by `keyOf`, in the order each group first appears; `titleOf` names a group from
 * its key.
 */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string, titleOf: (key: string) => string = (key) => key): ListGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].map(([key, list]) => ({ key, title: titleOf(key), items: list }));
}

const byName = new Intl.Collator('en', { numeric: true });

/** Groups in the order of their titles, numbers by value ("algo-2" before "algo-10"). */
export function sortedByTitle<T>(groups: ListGroup<T>[]): ListGroup<T>[] {
  return groups.sort((a, b) => byName.compare(a.title, b.title));
}
