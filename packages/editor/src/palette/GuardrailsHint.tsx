import { guardrailSentences, type CatalogConnection } from '@event-flows/model';

/**
 * A connection's guardrails as a member reads them where a topic is created (its name pattern, a DLQ
 * for every subscription); nothing when the connection has none.
 */
export function GuardrailsHint({ connection }: { connection: CatalogConnection | undefined }) {
  const sentences = guardrailSentences(connection);
  if (sentences.length === 0) return null;
  return (
    <div className="efs-guardrails" role="note" aria-label="Guardrails">
      {sentences.map((sentence) => (
        <p key={sentence} className="efs-field__hint">
          {sentence}
        </p>
      ))}
    </div>
  );
}
