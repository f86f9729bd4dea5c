import './ui.css';
import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

/** Props of {@link Field}. */
export interface FieldProps {
  label: ReactNode;
  /** One input, select or textarea: it gets the field's id, its help and error as its description, and aria-invalid. */
  children: ReactElement<{ id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }>;
  /** What to type, said under the label. */
  help?: ReactNode;
  /** What is wrong with the value, said under the control in the error colour; the control is marked invalid. */
  error?: ReactNode;
  /**
   * Say the error aloud as soon as it appears (an alert), for a form whose answer is this field's error;
   * otherwise it is said when the control takes focus.
   */
  announce?: boolean;
  /**
   * One of several controls in a row (a table row's cells, a range's two ends): the label is for screen
   * readers only, as the row's headings name the control on screen, and the field is as wide as its control.
   */
  compact?: boolean;
  className?: string;
}

/**
 * A labelled control with its help and its error. The label is tied to the control, and both sentences
 * are its description, so a screen reader says them when the control takes focus.
 */
export function Field({ label, children, help, error, announce, compact, className }: FieldProps) {
  const id = useId();
  const controlId = (isValidElement(children) && children.props.id) || `${id}-control`;
  const helpId = help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [children.props['aria-describedby'], helpId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['efs-field', compact ? 'efs-field--compact' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className={compact ? 'efs-field__label efs-visually-hidden' : 'efs-field__label'} htmlFor={controlId}>
        {label}
      </label>
      {help ? (
        <p id={helpId} className="efs-field__help">
          {help}
        </p>
      ) : null}
      {cloneElement(children, { id: controlId, 'aria-describedby': describedBy, 'aria-invalid': error ? true : children.props['aria-invalid'] })}
      {error ? (
        <p id={errorId} className="efs-field__error" role={announce ? 'alert' : undefined}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
