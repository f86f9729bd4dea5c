import type { ApiOutputs } from '@event-flows/client';

/** A flow as the flow list shows it. */
export type FlowRow = ApiOutputs['flows']['list'][number];

/** How the flow list is ordered: by name (A to Z) or by last change (newest first). */
export type FlowOrder = 'name' | 'changed';

/** The flows whose name holds `search` (any case), in the chosen order. */
export function flowsShown(flows: readonly FlowRow[], search: string, order: FlowOrder): FlowRow[] {
  const wanted = search.trim().toLocaleLowerCase();
  const found = wanted ? flows.filter((flow) => flow.name.toLocaleLowerCase().includes(wanted)) : [...flows];
  return order === 'name'
    ? found.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }))
    : found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
