import './ui.css';
import type { ComponentPropsWithRef, ReactNode } from 'react';

/** Props of {@link Checkbox}: a native checkbox's (or radio button's), plus the words that label it. */
export interface CheckboxProps extends Omit<ComponentPropsWithRef<'input'>, 'type'> {
  /** What ticking the box means, said after it; pressing the words ticks it too. */
  label: ReactNode;
  /** `radio` for one of several choices (same `name`), drawn the same way. Default `checkbox`. */
  type?: 'checkbox' | 'radio';
}

/**
 * A checkbox and its label on one line, the box first and drawn in the accent colour. A checkbox is
 * labelled after its box, so it is not a {@link Field}, whose label stands over its control. A radio
 * button among choices is the same with `type="radio"`.
 */
export function Checkbox({ label, className, type = 'checkbox', ...rest }: CheckboxProps) {
  return (
    <label className={['efs-checkbox', className ?? ''].filter(Boolean).join(' ')}>
      <input type={type} {...rest} />
      <span>{label}</span>
    </label>
  );
}
