import { z } from 'zod';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { FlowGraph } from './graph.ts';
import { limits } from './limits.ts';
import { Name } from './names.ts';

/** The tag every exported flow document carries, so an import knows what it reads. */
export const flowDocumentFormat = 'event-flows-studio/flow@1';

/** A flow as exported: what it means, without its id, org, revision or history. */
export const FlowDocument = z.strictObject({
  format: z.literal(flowDocumentFormat),
  name: Name,
  description: z.string().max(limits.text),
  graph: FlowGraph,
});
export type FlowDocument = z.infer<typeof FlowDocument>;

/** Largest document text {@link importFlow} reads (about 20 MB). */
export const maxDocumentChars = 20_000_000;

/** Writes a flow document as JSON or YAML. Reading it back with {@link importFlow} gives the same document. */
export function exportFlow(document: FlowDocument, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : stringifyYaml(document, { aliasDuplicateObjects: false });
}

/** The result of reading a flow document: the document, or the reasons it was refused. */
export type ImportResult = { ok: true; document: FlowDocument } | { ok: false; errors: string[] };

/**
 * Reads a flow document from JSON or YAML text (JSON when it starts with `{`). Never throws: text
 * that is too large, unparsable or not a valid flow document gives `ok: false` with the reasons.
 */
export function importFlow(text: string): ImportResult {
  if (text.length > maxDocumentChars) return { ok: false, errors: [`The document is larger than ${maxDocumentChars} characters.`] };
  let data: unknown;
  try {
    data = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    return { ok: false, errors: [`The document is not valid JSON or YAML: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = FlowDocument.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.slice(0, 50).map((i) => `${i.path.map(String).join('.') || 'document'}: ${i.message}`),
    };
  }
  return { ok: true, document: parsed.data };
}
