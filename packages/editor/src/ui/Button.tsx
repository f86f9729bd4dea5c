import './ui.css';
import type { ComponentPropsWithRef } from 'react';

/** How much a button asks for attention: one `primary` per view, `danger` for what drops or removes. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger';

/** Props of {@link Button}: a native button's, plus its variant, size and a busy state. */
export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  /** @default 'secondary' */
  variant?: ButtonVariant;
  /** `small` for buttons inside table rows and toolbars. @default 'normal' */
  size?: 'normal' | 'small';
  /** The action runs: the button is disabled, says so to a screen reader and shows a turning ring. */
  busy?: boolean;
}

/**
 * The studio's one button. A disabled button looks disabled (grey, dashed edge), whatever its variant;
 * `type` is `button` unless given, so a button in a form submits only when asked to.
 */
export function Button({ variant = 'secondary', size = 'normal', busy = false, className, type = 'button', disabled, children, ...rest }: ButtonProps) {
  const classes = ['efs-button', `efs-button--${variant}`, size === 'small' ? 'efs-button--small' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <span className="efs-spinner__ring" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
