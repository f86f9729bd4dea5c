import { z } from 'zod';
import { FlowGraph } from './graph.ts';
import { limits } from './limits.ts';
import { Id, Name } from './names.ts';

/**
 * A saved flow. `revision` increases by one on each save; a save names the revision it was based on
 * and is refused when another save came first.
 */
export const Flow = z.strictObject({
  id: Id,
  orgId: Id,
  name: Name,
  description: z.string().max(limits.text),
  revision: z.int().min(0),
  graph: FlowGraph,
  updatedBy: z.string().min(1).max(limits.name),
  /** ISO 8601 time of the last save. */
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Flow = z.infer<typeof Flow>;
