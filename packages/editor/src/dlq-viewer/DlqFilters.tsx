import { limits } from '@event-flows/model';
import { useState } from 'react';
import type { DlqFilter, DlqSearch } from './dlqViewerRecords.ts';

/** Props of {@link DlqFilters}. */
export interface DlqFiltersProps {
  filter: DlqFilter;
  onFilter: (filter: DlqFilter) => void;
  /** The error classes of the records shown, for the class picker. */
  classes: readonly string[];
  /** The summary's words when the filter hides records ("Filter (3 of 5 shown)"), else null. */
  narrowed: string | null;
  /** Searches the DLQ on the server; absent: the filter works on the records shown only. */
  onSearch?: ((search: DlqSearch) => void) | undefined;
  loading: boolean;
}

/** A `datetime-local` input's value as ms since the epoch, or null when empty or unreadable. */
function timeOfInput(value: string): number | null {
  const at = value === '' ? Number.NaN : new Date(value).getTime();
  return Number.isNaN(at) ? null : at;
}

/** The dead letters' filters (error class, time) and the server's search (key, header, value), folded away until wanted. */
export function DlqFilters({ filter, onFilter, classes, narrowed, onSearch, loading }: DlqFiltersProps) {
  const [search, setSearch] = useState({ key: '', header: '', headerValue: '', text: '' });
  const submitSearch = () => {
    if (!onSearch) return;
    const header = search.header.trim();
    onSearch({
      ...(search.key ? { key: search.key } : {}),
      ...(search.text ? { text: search.text } : {}),
      ...(header ? { header: { name: header, ...(search.headerValue ? { value: search.headerValue } : {}) } } : {}),
      ...(filter.from !== null ? { from: filter.from } : {}),
      ...(filter.until !== null ? { until: filter.until } : {}),
    });
  };
  // Folded away until wanted: in a side panel at 1280×720 the records are what needs the room.
  return (
    <details className="efs-dlq__filters">
      <summary>{narrowed ?? 'Filter by error class and time'}</summary>
      <label>
        Error class
        <select value={filter.errorClass ?? ''} onChange={(e) => onFilter({ ...filter, errorClass: e.target.value === '' ? null : e.target.value })}>
          <option value="">All classes</option>
          {classes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="datetime-local" step={1} onChange={(e) => onFilter({ ...filter, from: timeOfInput(e.target.value) })} />
      </label>
      <label>
        Until
        <input type="datetime-local" step={1} onChange={(e) => onFilter({ ...filter, until: timeOfInput(e.target.value) })} />
      </label>
      {onSearch ? (
        <form
          className="efs-dlq__search"
          aria-label="Search the DLQ"
          onSubmit={(e) => {
            e.preventDefault();
            submitSearch();
          }}
        >
          <label>
            Key contains
            <input value={search.key} maxLength={limits.dlqFilterText} onChange={(e) => setSearch({ ...search, key: e.target.value })} />
          </label>
          <label>
            Header
            <input value={search.header} maxLength={limits.dlqFilterText} onChange={(e) => setSearch({ ...search, header: e.target.value })} />
          </label>
          <label>
            Header value
            <input value={search.headerValue} maxLength={limits.dlqFilterText} onChange={(e) => setSearch({ ...search, headerValue: e.target.value })} />
          </label>
          <label>
            Value contains
            <input value={search.text} maxLength={limits.dlqFilterText} onChange={(e) => setSearch({ ...search, text: e.target.value })} />
          </label>
          <button type="submit" disabled={loading}>
            Search the DLQ
          </button>
        </form>
      ) : null}
    </details>
  );
}
