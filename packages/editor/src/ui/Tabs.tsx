import './ui.css';
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One tab of {@link Tabs}. */
export interface TabItem {
  id: string;
  label: ReactNode;
  /** What the tab shows when selected; without it, the {@link TabsProps.panel} shared by every tab. */
  panel?: ReactNode;
  disabled?: boolean;
}

/** Props of {@link Tabs}. */
export interface TabsProps {
  /** What the tabs switch between, for a screen reader ("Flow views"). */
  label: string;
  tabs: readonly TabItem[];
  /** The selected tab's id; the caller keeps it (so it can live in the page's address). */
  selected: string;
  onSelect: (id: string) => void;
  /**
   * The panel of every tab without its own, rendered by the caller for the selected tab (one list whose
   * rows change with the tab), so the caller builds only the view shown.
   */
  panel?: ReactNode;
}

/**
 * Tabs over one panel, as WAI-ARIA's tabs pattern: the selected tab is in the Tab order, the arrow keys,
 * Home and End move between tabs and select them, a disabled tab is skipped.
 */
export function Tabs({ label, tabs, selected, onSelect, panel }: TabsProps) {
  const id = useId();
  const list = useRef<HTMLDivElement>(null);
  const enabled = tabs.filter((tab) => !tab.disabled);
  const current = tabs.find((tab) => tab.id === selected) ?? enabled[0];

  function onKeyDown(event: KeyboardEvent) {
    const at = enabled.findIndex((tab) => tab.id === current?.id);
    const next =
      event.key === 'ArrowRight' ? enabled[(at + 1) % enabled.length]
      : event.key === 'ArrowLeft' ? enabled[(at - 1 + enabled.length) % enabled.length]
      : event.key === 'Home' ? enabled[0]
      : event.key === 'End' ? enabled.at(-1)
      : undefined;
    if (!next) return;
    event.preventDefault();
    onSelect(next.id);
    list.current?.querySelector<HTMLElement>(`[data-tab="${CSS.escape(next.id)}"]`)?.focus();
  }

  return (
    <div className="efs-tabs">
      <div ref={list} className="efs-tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const isSelected = tab.id === current?.id;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`${id}-tab-${tab.id}`}
              data-tab={tab.id}
              className="efs-tabs__tab"
              aria-selected={isSelected}
              aria-controls={`${id}-panel`}
              tabIndex={isSelected ? 0 : -1}
              disabled={tab.disabled}
              onClick={() => onSelect(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div className="efs-tabs__panel" role="tabpanel" id={`${id}-panel`} aria-labelledby={current ? `${id}-tab-${current.id}` : undefined} tabIndex={0}>
        {current?.panel ?? panel}
      </div>
    </div>
  );
}
