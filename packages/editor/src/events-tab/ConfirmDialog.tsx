import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** The label of the button that goes ahead (e.g. "Disable"). */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Disables both buttons while the action runs. */
  pending?: boolean;
}

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The focused element in the tree `element` is in: inside a shadow root (the plugin renders in one)
 * `document.activeElement` is only the shadow host.
 */
function activeElementNear(element: Element): Element | null {
  return (element.getRootNode() as Document | ShadowRoot).activeElement;
}

/**
 * A modal confirmation: `role="dialog"` with `aria-modal`, focus starts on Cancel (the safe choice),
 * Tab and Shift+Tab stay inside, Escape cancels, and focus returns to where it was on close.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, pending = false }: ConfirmDialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = dialog.current ? activeElementNear(dialog.current) : null;
    cancel.current?.focus();
    return () => {
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (!pending) onCancel();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(focusable)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = activeElementNear(dialog.current);
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="efs-events__backdrop">
      <div ref={dialog} className="efs-events__dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId} onKeyDown={onKeyDown}>
        <h3 id={titleId} className="efs-events__dialog-title">
          {title}
        </h3>
        <div id={bodyId}>{children}</div>
        <div className="efs-events__dialog-actions">
          <button ref={cancel} type="button" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="button" className="efs-events__danger" onClick={onConfirm} disabled={pending}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
