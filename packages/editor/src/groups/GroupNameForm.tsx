import { useId, useState, type FormEvent } from 'react';
import type { GroupResult } from '../store/index.ts';
import { Button } from '../ui/Button.tsx';

/** Props of {@link GroupNameForm}. */
export interface GroupNameFormProps {
  /** The name the field starts with. */
  initial: string;
  /** The submit button's text ("Group", "Rename"). */
  submitLabel: string;
  /** Applies the name; a refusal's reason is shown under the field. */
  onSubmit: (name: string) => GroupResult;
  onCancel: () => void;
}

/**
 * A one-field form for a group's name, as used to group nodes and to rename a group: Enter applies,
 * Escape cancels, and a name the model refuses is kept with the reason beside it.
 */
export function GroupNameForm({ initial, submitLabel, onSubmit, onCancel }: GroupNameFormProps) {
  const [name, setName] = useState(initial);
  const [reason, setReason] = useState<string | null>(null);
  const reasonId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = onSubmit(name);
    setReason(result.ok ? null : result.reason);
  };
  return (
    <form className="efs-group-form nodrag nopan" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <input
        className="efs-group-form__name"
        aria-label="Group name"
        value={name}
        // Opened on purpose by a click on "Group…" or "Rename": the person types the name next.
        autoFocus
        aria-invalid={reason !== null}
        aria-describedby={reason ? reasonId : undefined}
        onChange={(e) => setName(e.target.value)}
      />
      <Button type="submit" variant="primary" size="small">
        {submitLabel}
      </Button>
      <Button size="small" onClick={onCancel}>
        Cancel
      </Button>
      {reason ? (
        <p id={reasonId} className="efs-group-form__reason" role="alert">
          {reason}
        </p>
      ) : null}
    </form>
  );
}
