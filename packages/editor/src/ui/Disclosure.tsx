import './ui.css';
import type { ComponentPropsWithRef, ReactNode } from 'react';

/** Props of {@link Disclosure}: a native button's, plus its state and what it says. */
export interface DisclosureProps extends Omit<ComponentPropsWithRef<'button'>, 'onClick' | 'onToggle' | 'children'> {
  /** Whether what it shows and hides is shown now; the caller keeps it. */
  expanded: boolean;
  /** Called with the state asked for: the opposite of `expanded`. */
  onToggle: (expanded: boolean) => void;
  /** The words on the button. */
  label: ReactNode;
  /** How many rows it hides, shown after the label as "(1,234)". */
  count?: number;
  /** The id of the element it shows and hides, when that element is on the page. */
  controls?: string;
  /** `row`: full width, a header over the rows it opens. `inline`: as wide as its words, in a toolbar. @default 'row' */
  layout?: 'row' | 'inline';
}

/**
 * A button that shows or hides something, as WAI-ARIA's disclosure pattern: it says whether it is
 * expanded (`aria-expanded`, and a chevron that points down when open) and, given `controls`, what it
 * opens. `type` is `button` unless given.
 */
export function Disclosure({ expanded, onToggle, label, count, controls, layout = 'row', className, type = 'button', ...rest }: DisclosureProps) {
  const classes = ['efs-disclosure', `efs-disclosure--${layout}`, className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={classes} aria-expanded={expanded} aria-controls={controls} onClick={() => onToggle(!expanded)} {...rest}>
      <span className="efs-disclosure__chevron" aria-hidden="true">
        {expanded ? '▾' : '▸'}
      </span>
      <span className="efs-disclosure__label">
        {label}
        {count === undefined ? null : (
          <>
            {' '}
            <span className="efs-disclosure__count">({count.toLocaleString('en')})</span>
          </>
        )}
      </span>
    </button>
  );
}
