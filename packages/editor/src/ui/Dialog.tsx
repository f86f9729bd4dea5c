import './ui.css';
import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react';

/** Props of {@link Dialog}. */
export interface DialogProps {
  title: ReactNode;
  children: ReactNode;
  /** The dialog's buttons, in reading order; the one to focus first carries `data-autofocus`. */
  actions: ReactNode;
  /**
   * Escape (or the platform's close gesture) asks for this. Without it the person must pick one of the
   * actions: Escape does nothing.
   */
  onCancel?: () => void;
  /** `alertdialog` for a dialog that interrupts with something that went wrong (a save conflict). @default 'dialog' */
  role?: 'dialog' | 'alertdialog';
  /** An action runs: Escape waits for it. */
  busy?: boolean;
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
 * The studio's one modal dialog, for confirmations, conflicts and questions: the native `<dialog>` shown
 * with `showModal()`, so it sits in the top layer and the page behind is dimmed and inert. It is open
 * while it is rendered. Focus starts on the action marked `data-autofocus` (else the first control),
 * Tab and Shift+Tab go round inside it, Escape calls `onCancel`, and focus returns on close to the
 * element that had it before.
 */
export function Dialog({ title, children, actions, onCancel, role = 'dialog', busy = false }: DialogProps) {
  const titleId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  // Set while this component closes the dialog itself, so its close event is not taken for the person's.
  const closing = useRef(false);
  // The latest props for the close listener, which outlives a render.
  const latest = useRef({ onCancel, busy });
  latest.current = { onCancel, busy };

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const before = activeElementNear(element);
    element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      closing.current = true;
      if (element.open) element.close();
      closing.current = false;
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  // Another close request (a platform's back gesture): the dialog stays open until the owner removes it
  // (or forever, without onCancel).
  function onCancelEvent(event: SyntheticEvent<HTMLDialogElement>) {
    event.preventDefault();
    if (!busy) onCancel?.();
  }

  // Chromium lets a page keep a dialog open on Escape only once per user activation; when it closed anyway,
  // the person asked to cancel, or, with nothing to cancel to, the dialog opens again.
  function onClose() {
    const element = dialog.current;
    if (closing.current || !element) return;
    const { onCancel: cancel, busy: running } = latest.current;
    if (cancel && !running) cancel();
    else element.showModal();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    // Escape is handled here rather than by the browser's cancel, so it works the same every time; it
    // belongs to the dialog: the editor behind it must not also take it (deselect, close a panel).
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (!busy) onCancel?.();
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
    <dialog
      ref={dialog}
      className="efs-dialog"
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      aria-busy={busy || undefined}
      onCancel={onCancelEvent}
      onClose={onClose}
      onKeyDown={onKeyDown}
    >
      <h2 id={titleId} className="efs-dialog__title">
        {title}
      </h2>
      <div id={bodyId} className="efs-dialog__body">
        {children}
      </div>
      <div className="efs-dialog__actions">{actions}</div>
    </dialog>
  );
}
