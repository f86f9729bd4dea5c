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

/** Writes a flow document as JSON or YAML. Reading it back with {@link importFlow} gives the same document. */
export function exportFlow(document: FlowDocument, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : stringifyYaml(document, { aliasDuplicateObjects: false });
}

/** The result of reading a flow document: the document, or the reasons it was refused. */
export type ImportResult = { ok: true; document: FlowDocument } | { ok: false; errors: string[] };

/** Flow document text, parsed into plain data (not yet checked as a flow), or the reasons it was refused. */
export type ParsedText = { ok: true; data: unknown } | { ok: false; errors: string[] };

/** How a flow document's text is written: JSON when it starts with `{`, YAML otherwise. */
export function documentSyntax(text: string): 'json' | 'yaml' {
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** How YAML flow documents are parsed: few aliases (no "billion laughs"), no repeated keys. */
export const yamlParseOptions = { maxAliasCount: 100, uniqueKeys: true } as const;

/**
 * Parses flow document text ({@link documentSyntax}). Never throws: text over `limits.documentChars`
 * or that does not parse gives `ok: false` with the reason.
 */
export function parseFlowText(text: string): ParsedText {
  if (text.length > limits.documentChars) return { ok: false, errors: [`A flow document may have at most ${limits.documentChars} characters.`] };
  try {
    return { ok: true, data: documentSyntax(text) === 'json' ? JSON.parse(text) : parseYaml(text, yamlParseOptions) };
  } catch (error) {
    return { ok: false, errors: [notParsed(error)] };
  }
}

/** The reason a document's text did not parse. */
export function notParsed(error: unknown): string {
  return `The document is not valid JSON or YAML: ${error instanceof Error ? error.message : String(error)}`;
}

/** Checks parsed data as a flow document. Never throws. */
export function readFlowDocument(data: unknown): ImportResult {
  const parsed = FlowDocument.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.slice(0, 50).map((i) => `${i.path.map(String).join('.') || 'document'}: ${i.message}`),
    };
  }
  return { ok: true, document: parsed.data };
}

/**
 * Reads a flow document from JSON or YAML text ({@link parseFlowText}, then {@link readFlowDocument}).
 * Never throws: text that is too large, unparsable or not a valid flow document gives `ok: false`
 * with the reasons.
 */
export function importFlow(text: string): ImportResult {
  const parsed = parseFlowText(text);
  return parsed.ok ? readFlowDocument(parsed.data) : parsed;
}
