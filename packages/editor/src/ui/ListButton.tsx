import './ui.css';
import type { ComponentPropsWithRef, ReactNode } from 'react';

/** The colour of a {@link ListButton}'s leading edge: the kind of thing it adds, or how serious it is. */
export type ListButtonTone = 'algorithm' | 'topic' | 'info' | 'warning' | 'error';

/** Props of {@link ListButton}: a native button's, plus what the row shows around its label. */
export interface ListButtonProps extends ComponentPropsWithRef<'button'> {
  /** Draws the leading edge thick, in this colour; omit for a plain edge. */
  tone?: ListButtonTone;
  /** A short word before the label, in bold ("Error"). */
  lead?: ReactNode;
  /** A quieter line under the label (where it comes from, a code). */
  detail?: ReactNode;
  /** A row that offers to make something not there yet: its edge is dashed. */
  proposed?: boolean;
}

/**
 * One entry of a list that does something when activated: full width, its text left-aligned and
 * wrapping, with the studio's hover, focus ring, pressed (`aria-pressed`) and disabled looks. A
 * `draggable` row shows a grab cursor. `type` is `button` unless given.
 */
export function ListButton({ tone, lead, detail, proposed = false, className, type = 'button', children, ...rest }: ListButtonProps) {
  const classes = ['efs-list-button', lead ? 'efs-list-button--lead' : '', proposed ? 'efs-list-button--proposed' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} data-tone={tone} {...rest}>
      {lead ? <span className="efs-list-button__lead">{lead}</span> : null}
      <span className="efs-list-button__label">{children}</span>
      {detail ? <span className="efs-list-button__detail">{detail}</span> : null}
    </button>
  );
}
