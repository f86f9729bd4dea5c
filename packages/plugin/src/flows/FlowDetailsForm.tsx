import { Button, Field } from '@event-flows/editor';
import { useState, type FormEvent } from 'react';
import { descriptionProblem, flowNameProblem } from './flowFields.ts';

/** What the details form starts from and what it does with the result. */
export interface FlowDetailsFormProps {
  name: string;
  description: string;
  /** Saves the details; a rejection's message is shown under the form. */
  onSave: (details: { name: string; description: string }) => Promise<unknown>;
  onCancel: () => void;
}

/**
 * Renames and describes a flow. A name or description the model would refuse is named in a sentence
 * next to its field before anything is sent; the server's refusal (a name another flow has) is shown
 * next to the name.
 */
export function FlowDetailsForm({ name: initialName, description: initialDescription, onSave, onCancel }: FlowDetailsFormProps) {
  const [name, setName] = useState(initialName);
  const [description, setDescription] = useState(initialDescription);
  const [touched, setTouched] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameProblem = touched ? flowNameProblem(name) : null;
  const textProblem = descriptionProblem(description);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (flowNameProblem(name) || textProblem) return;
    setSaving(true);
    setRefusal(null);
    try {
      await onSave({ name: name.trim(), description });
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  const nameNote = nameProblem ?? refusal;
  return (
    <form className="efs-app__details" aria-label="Flow details" onSubmit={(e) => void submit(e)} noValidate>
      <Field label="Name" error={nameNote} announce>
        <input
          // No cap: a paste over the limit stays whole, and the sentence says its real length.
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setTouched(true);
            setRefusal(null);
          }}
        />
      </Field>
      <Field label="Description" help="Optional: what the flow is for, shown in the list of flows." error={textProblem} announce>
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <div className="efs-app__actions">
        <Button type="submit" variant="primary" busy={saving}>
          {saving ? 'Saving…' : 'Save details'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
