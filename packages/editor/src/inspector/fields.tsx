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
  /** A problem with the committed value that the field cannot see by itself (a rule across fields), shown beside it. */
  problem?: string | null;
}

/** Why `text` is not a whole number in `[min, max]`, as a sentence naming the field; `null` when it is one. */
export function wholeNumberProblem(label: string, text: string, min: number, max: number): string | null {
  const trimmed = text.trim();
  const number = Number(trimmed);
  if (trimmed !== '' && Number.isInteger(number) && number >= min && number <= max) return null;
  const range = `${label} is a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`;
  return trimmed === '' ? `${range}.` : `${range}; “${trimmed.slice(0, 40)}” is not.`;
}

/**
 * A labelled whole-number input that changes the document only when the person is done typing
 * (blur or Enter), so one edit is one undo step. An entry that is not a whole number in range stays
 * in the field with a sentence beside it saying the range, and the document keeps its value.
 */
export function NumberField({ label, value, min, max, onCommit, optional = false, hint, problem: ruleProblem = null }: NumberFieldProps) {
  const id = useId();
  const hintId = useId();
  const problemId = useId();
  const shown = value === undefined ? '' : String(value);
  // What the person is typing; `null` when not editing, so the store's value (after undo too) shows.
  const [draft, setDraft] = useState<string | null>(null);
  const [entryProblem, setProblem] = useState<string | null>(null);
  const problem = entryProblem ?? ruleProblem;
  const text = draft ?? shown;
  function commit() {
    const trimmed = text.trim();
    if (trimmed === '' && optional) {
      setDraft(null);
      setProblem(null);
      if (value !== undefined) onCommit(undefined);
      return;
    }
    const refused = wholeNumberProblem(label, trimmed, min, max);
    setProblem(refused);
    if (refused) return;
    setDraft(null);
    const number = Number(trimmed);
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
        aria-invalid={problem ? true : undefined}
        aria-describedby={[hint ? hintId : '', problem ? problemId : ''].join(' ').trim() || undefined}
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
      {problem ? (
        <span id={problemId} role="alert" className="efs-field__problem">
          {problem}
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
  /** Most characters the field takes (the model's limit for what it holds). */
  maxLength?: number;
}

/** A labelled text input that changes the document on blur or Enter. */
export function TextField({ label, value, onCommit, maxLength }: TextFieldProps) {
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
        maxLength={maxLength}
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
