import { countOf, verbFor, type Diagnostic, type Severity } from '@event-flows/model';
import { useId } from 'react';
import { useEditorStore } from '../store/index.ts';
import { useFocusElements } from './useFocusElements.ts';

const severityLabel: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/**
 * The model's diagnostics for the flow, errors first. Activating one selects the nodes and edges it
 * names and brings them into view; the canvas marks the same elements.
 */
export function ProblemsPanel() {
  const diagnostics = useEditorStore((s) => s.diagnostics);
  const focus = useFocusElements();
  const headingId = useId();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <section className="efs-problems" aria-labelledby={headingId}>
      <h2 id={headingId} className="efs-panel__heading">
        Problems <span className="efs-problems__count">({diagnostics.length})</span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="efs-panel__empty">No problems found.</p>
      ) : (
        <>
          <p className="efs-problems__summary">
            {errors === 0 ? 'Nothing blocks a deploy.' : `${countOf(errors, 'error')} ${verbFor(errors, 'blocks', 'block')} a deploy.`}
          </p>
          <ul className="efs-problems__list">
            {diagnostics.map((d, i) => (
              <li key={`${d.code}:${i}`}>
                <ProblemItem diagnostic={d} onFocus={() => focus(d.nodeIds, d.edgeIds)} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ProblemItem({ diagnostic, onFocus }: { diagnostic: Diagnostic; onFocus: () => void }) {
  const where = diagnostic.nodeIds.length + diagnostic.edgeIds.length;
  return (
    <button
      type="button"
      className="efs-problems__item"
      data-severity={diagnostic.severity}
      onClick={onFocus}
      disabled={where === 0}
      title={where === 0 ? 'This concerns the whole flow' : 'Show on the canvas'}
    >
      <span className="efs-problems__severity">{severityLabel[diagnostic.severity]}</span>
      <span className="efs-problems__message">{diagnostic.message}</span>
      <span className="efs-problems__code">{diagnostic.code}</span>
    </button>
  );
}
