import { Button, Field } from '@event-flows/editor';
import { importFlow, limits } from '@event-flows/model';
import { useState, type FormEvent } from 'react';

/**
 * The reason a document cannot be imported, as a sentence, or `null` when it reads as a flow. The
 * server checks it again; this only spares a round trip and says which field is wrong.
 */
export function importProblem(text: string): string | null {
  if (!text.trim()) return 'Choose a file or paste a flow document.';
  const result = importFlow(text);
  if (result.ok) return null;
  const [first, ...rest] = result.errors;
  const more = rest.length === 0 ? '' : rest.length === 1 ? ' (and 1 more problem)' : ` (and ${rest.length} more problems)`;
  return `This is not a flow document that can be imported. ${first ?? ''}${more}.`.replace(/\.\.$/, '.');
}

/**
 * Imports a flow from a JSON or YAML file or from pasted text. A name the org already uses gets
 * " (2)" (the server decides, and says the name it chose). A file too large to read is refused beside
 * the file, and what was pasted stays; a chosen file's text is shown in the document field.
 */
export function ImportFlowForm({ onImport, onCancel }: { onImport: (text: string) => Promise<unknown>; onCancel: () => void }) {
  const [text, setText] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > limits.documentChars * 4) {
      setFileProblem(`The file is ${(file.size / 1_000_000).toFixed(1)} MB; a flow document may have at most ${limits.documentChars.toLocaleString()} characters.`);
      return;
    }
    setFileProblem(null);
    const content = await file.text();
    setText(content);
    setProblem(importProblem(content));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = importProblem(text);
    setProblem(found);
    if (found) return;
    setImporting(true);
    try {
      await onImport(text);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setImporting(false);
    }
  };
  return (
    <form className="efs-app__details" aria-label="Import a flow" onSubmit={(e) => void submit(e)} noValidate>
      <Field label="Flow file (JSON or YAML)" help="A flow exported from the studio." error={fileProblem} announce>
        <input type="file" accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml" onChange={(e) => void readFile(e.target.files?.[0])} />
      </Field>
      <Field label="Or paste the document" error={problem} announce>
        <textarea
          value={text}
          rows={8}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
        />
      </Field>
      <div className="efs-app__actions">
        <Button type="submit" variant="primary" busy={importing}>
          {importing ? 'Importing…' : 'Import flow'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
