import { useId, useState, type ReactNode } from 'react';

/** Props of {@link NumberField}. */
export interface NumberFieldProps {
  label: string;
  value: number | undefined;
  min: number;
  max: number;
  /** Called with the new whole number (or `undefined` when cleared, if `optional`) on blur or Enter. */
  onCommit: (value: number | undefined) => void;
  optional?: boolean;
  hint?: string;
}

/**
 * A labelled whole-number input that changes the document only when the person is done typing
 * (blur or Enter), so one edit is one undo step; an out-of-range entry is put back.
 */
export function NumberField({ label, value, min, max, onCommit, optional = false, hint }: NumberFieldProps) {
  const id = useId();
  const hintId = useId();
  const shown = value === undefined ? '' : String(value);
  // What the person is typing; `null` when not editing, so the store's value (after undo too) shows.
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? shown;
  function commit() {
    setDraft(null);
    const trimmed = text.trim();
    if (trimmed === '' && optional) {
      if (value !== undefined) onCommit(undefined);
      return;
    }
    const number = Number(trimmed);
    // An entry out of range is dropped: the field shows the stored value again.
    if (trimmed === '' || !Number.isInteger(number) || number < min || number > max) return;
    if (number !== value) onCommit(number);
  }
  return (
    <div className="efs-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        aria-describedby={hint ? hintId : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {hint ? (
        <span id={hintId} className="efs-field__hint">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** Props of {@link TextField}. */
export interface TextFieldProps {
  label: string;
  value: string;
  onCommit: (value: string) => void;
}

/** A labelled text input that changes the document on blur or Enter. */
export function TextField({ label, value, onCommit }: TextFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? value;
  const commit = () => {
    setDraft(null);
    if (text !== value) onCommit(text);
  };
  return (
    <div className="efs-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={text}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </div>
  );
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  children?: ReactNode;
}

/** A labelled select; `children` are shown under it (warnings, hints). */
export function SelectField({ label, value, options, onChange, children }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="efs-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}
