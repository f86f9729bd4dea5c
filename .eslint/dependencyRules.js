// @ts-check
/**
 * The one-way dependency rules of DESIGN §2, as an ESLint rule.
 *
 * Every import is attributed to the part it comes from and the part it lands in (by path for
 * relative imports, by package name for `@event-flows/*`). A part may import only the parts listed
 * for it; `typeOnly` parts may be imported with `import type` only. The model's source additionally
 * may use no external package except its allow-list, and UI source may not use Node built-ins
 * (tests and tool configs beside them may).
 */
import path from 'node:path';
import { builtinModules } from 'node:module';

const root = path.resolve(import.meta.dirname, '..');

/** @type {Record<string, { ours: string[], typeOnly?: string[], externals?: string[], noNode?: boolean }>} */
export const rules = {
  model: { ours: [], externals: ['zod', 'yaml'], noNode: true },
  broker: { ours: [] },
  runtime: { ours: ['model'] },
  editor: { ours: ['model'], noNode: true },
  client: { ours: ['model'], typeOnly: ['server'], noNode: true },
  plugin: { ours: ['model', 'editor', 'client'], typeOnly: ['server'], noNode: true },
  server: { ours: ['model', 'runtime', 'broker'] },
  // Stories show the studio's own screens too (its admin forms): nothing imports a story, so no cycle.
  stories: { ours: ['model', 'editor', 'client', 'plugin'], noNode: true },
  test: { ours: ['model', 'broker', 'runtime', 'editor', 'client', 'plugin', 'server'] },
};

const nodeBuiltins = new Set(builtinModules);

/** @param {string} file absolute path @returns {string | undefined} the part a file belongs to */
function partOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'packages' && rel[1]) return rel[1];
  if (rel[0] === 'server' || rel[0] === 'stories' || rel[0] === 'test') return rel[0];
  return undefined;
}

/** @param {string} spec @param {string} file */
function targetOf(spec, file) {
  if (spec.startsWith('.')) return { kind: 'ours', part: partOf(path.resolve(path.dirname(file), spec)) };
  const ours = /^@event-flows\/([^/]+)/.exec(spec);
  if (ours) return { kind: 'ours', part: ours[1] };
  const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
  if (spec.startsWith('node:') || nodeBuiltins.has(bare.split('/')[0] ?? '')) return { kind: 'node' };
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  return { kind: 'external', name };
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the one-way dependencies between the parts of Event Flows Studio (DESIGN §2).' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = partOf(file);
    const part = from ? rules[from] : undefined;
    if (!from || !part) return {};
    // Tests and tool configs may use test tooling and Node, but still only the parts they may import.
    const tooling = /\.test\.tsx?$|\.config\.[cm]?[jt]s$/.test(file);
    const policy = tooling ? { ours: part.ours, typeOnly: part.typeOnly } : part;

    /** @param {import('estree').Node} node @param {string} spec @param {boolean} typeOnly */
    function check(node, spec, typeOnly) {
      const target = targetOf(spec, file);
      if (target.kind === 'node') {
        if (policy?.noNode) context.report({ node, message: `${from} must not use Node built-ins ('${spec}').` });
        return;
      }
      if (target.kind === 'external') {
        if (policy?.externals && !policy.externals.includes(target.name ?? '')) {
          context.report({
            node,
            message: `${from} may use only ${policy.externals.join(', ')} from outside; '${spec}' is not allowed.`,
          });
        }
        return;
      }
      const to = target.part;
      if (!to || to === from) return;
      if (policy?.ours.includes(to)) return;
      if (typeOnly && policy?.typeOnly?.includes(to)) return;
      const hint = policy?.typeOnly?.includes(to) ? ' except with `import type`' : '';
      context.report({ node, message: `${from} must not import ${to}${hint} (DESIGN §2).` });
    }

    return {
      ImportDeclaration(node) {
        const typeOnly =
          /** @type {any} */ (node).importKind === 'type' ||
          (node.specifiers.length > 0 &&
            node.specifiers.every((s) => /** @type {any} */ (s).importKind === 'type'));
        check(node, String(node.source.value), typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, String(node.source.value), /** @type {any} */ (node).exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, String(node.source.value), /** @type {any} */ (node).exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value, false);
      },
    };
  },
};

export const dependencyPlugin = { rules: { 'one-way': rule } };
