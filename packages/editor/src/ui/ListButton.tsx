import './ui.css';
import type { ComponentPropsWithRef, ReactNode } from 'react';

/** The colour of a {@link ListButton}'s leading edge: the kind of thing it adds, or how serious it is. */
export type ListButtonTone = 'algorithm' | 'topic' | 'info' | 'warning' | 'error';

/** What a list entry shows around its label, as a {@link ListButton} or a {@link ListRow}. */
interface ListEntryLook {
  /** Draws the leading edge thick, in this colour; omit for a plain edge. */
  tone?: ListButtonTone;
  /** A short word before the label, in bold ("Error"). */
  lead?: ReactNode;
  /** A quieter line under the label (where it comes from, a code). */
  detail?: ReactNode;
}

/** Props of {@link ListButton}: a native button's, plus what the row shows around its label. */
export interface ListButtonProps extends ListEntryLook, ComponentPropsWithRef<'button'> {
  /** A row that offers to make something not there yet: its edge is dashed. */
  proposed?: boolean;
}

/** Props of {@link ListRow}: a `div`'s, plus what the row shows around its label. */
export interface ListRowProps extends ListEntryLook, ComponentPropsWithRef<'div'> {}

function entryClasses(lead: ReactNode, modifier: string, className: string | undefined): string {
  return ['efs-list-button', lead ? 'efs-list-button--lead' : '', modifier, className ?? ''].filter(Boolean).join(' ');
}

function EntryContent({ lead, detail, children }: { lead: ReactNode; detail: ReactNode; children: ReactNode }) {
  return (
    <>
      {lead ? <span className="efs-list-button__lead">{lead}</span> : null}
      <span className="efs-list-button__label">{children}</span>
      {detail ? <span className="efs-list-button__detail">{detail}</span> : null}
    </>
  );
}

/**
 * One entry of a list that does something when activated: full width, its text left-aligned and
 * wrapping, with the studio's hover, focus ring, pressed (`aria-pressed`) and disabled looks. A
 * `draggable` row shows a grab cursor. `type` is `button` unless given.
 */
export function ListButton({ tone, lead, detail, proposed = false, className, type = 'button', children, ...rest }: ListButtonProps) {
  return (
    <button type={type} className={entryClasses(lead, proposed ? 'efs-list-button--proposed' : '', className)} data-tone={tone} {...rest}>
      <EntryContent lead={lead} detail={detail}>
        {children}
      </EntryContent>
    </button>
  );
}

/**
 * An entry of a list of {@link ListButton}s that does nothing when activated (a problem with no place on
 * the canvas): the same look and tone, as urgent as its neighbours, but not a control, so it is neither
 * greyed out as disabled nor in the tab order.
 */
export function ListRow({ tone, lead, detail, className, children, ...rest }: ListRowProps) {
  return (
    <div className={entryClasses(lead, 'efs-list-button--static', className)} data-tone={tone} {...rest}>
      <EntryContent lead={lead} detail={detail}>
        {children}
      </EntryContent>
    </div>
  );
}
