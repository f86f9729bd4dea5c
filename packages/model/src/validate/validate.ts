import type { z } from 'zod';
import type { Actor, Catalog } from '../catalog.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { FlowGraph, flowGraphSchema } from '../graph.ts';
import { validateGraph, type ValidateOptions } from './validateGraph.ts';

export type { ValidateOptions };

const maxSchemaDiagnostics = 50;

/**
 * Checks a flow graph against every rule of DESIGN §3 and returns its diagnostics, errors first
 * in graph order. It never throws on user data: `input` may be any value; a value that is not a
 * well-formed graph yields `schema-invalid` diagnostics (at most 50) and nothing else.
 */
export function validate(input: unknown, catalog: Catalog, actor: Actor, options: ValidateOptions = {}): Diagnostic[] {
  const schema = options.limits ? flowGraphSchema(options.limits) : FlowGraph;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return schemaDiagnostics(parsed.error, input);
  return validateGraph(parsed.data, catalog, actor, options);
}

function schemaDiagnostics(error: z.ZodError, input: unknown): Diagnostic[] {
  return error.issues.slice(0, maxSchemaDiagnostics).map((issue) => {
    const path = issue.path.map((p) => String(p));
    const where = path.length > 0 ? path.join('.') : 'the flow graph';
    return {
      code: 'schema-invalid',
      severity: 'error',
      message: `${where}: ${issue.message}`,
      nodeIds: path[0] === 'nodes' ? idAt(input, 'nodes', issue.path[1]) : [],
      edgeIds: path[0] === 'edges' ? idAt(input, 'edges', issue.path[1]) : [],
    };
  });
}

/** The id of `input[list][position]` when it has a string id, read defensively from untrusted data. */
function idAt(input: unknown, list: 'nodes' | 'edges', position: PropertyKey | undefined): string[] {
  if (typeof position !== 'number' || typeof input !== 'object' || input === null) return [];
  const items: unknown = Object.hasOwn(input, list) ? (input as Record<string, unknown>)[list] : undefined;
  if (!Array.isArray(items)) return [];
  const item: unknown = items[position];
  if (typeof item !== 'object' || item === null || !Object.hasOwn(item, 'id')) return [];
  const id: unknown = (item as Record<string, unknown>).id;
  return typeof id === 'string' && id.length <= 128 ? [id] : [];
}
