/**
 * The one-way dependency rules of DESIGN §2 are enforced by the linter: these fixtures are linted as
 * if they sat at the given paths, and each forbidden import must fail lint while the allowed ones pass.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'deps/one-way').map((m) => m.message);
}

describe('dependency rules', () => {
  it('fails lint when the model imports React', async () => {
    const messages = await lint('packages/model/src/lintFixture.ts', "import { useState } from 'react';\nexport const x = useState;\n");
    expect(messages).toEqual([expect.stringMatching(/model may use only zod, yaml/)]);
  });

  it.each([
    ["import { readFileSync } from 'node:fs';", /Node built-ins/],
    ["import fs from 'fs';", /Node built-ins/],
    ["import { Kafka } from 'kafkajs';", /'kafkajs' is not allowed/],
    ["import { startBroker } from '@event-flows/broker';", /model must not import broker/],
    ["import { x } from '../../runtime/src/index.ts';", /model must not import runtime/],
  ])('fails lint when the model does %s', async (statement, message) => {
    const messages = await lint('packages/model/src/lintFixture.ts', `${statement}\nexport const y = 1;\n`);
    expect(messages).toEqual([expect.stringMatching(message)]);
  });

  it('lets the model use zod and its own files', async () => {
    expect(await lint('packages/model/src/lintFixture.ts', "import { z } from 'zod';\nimport { limits } from './limits.ts';\nexport const s = z.string().max(limits.id);\n")).toEqual([]);
  });

  it('lets UI code import the server only as types', async () => {
    const runtime = await lint('packages/client/src/lintFixture.ts', "import { appRouter } from '@event-flows/server';\nexport const r = appRouter;\n");
    expect(runtime).toEqual([expect.stringMatching(/client must not import server except with `import type`/)]);
    const typeOnly = await lint('packages/client/src/lintFixture.ts', "import type { AppRouter } from '@event-flows/server';\nexport type R = AppRouter;\n");
    expect(typeOnly).toEqual([]);
    const editor = await lint('packages/editor/src/lintFixture.ts', "import { appRouter } from '@event-flows/server';\nexport const r = appRouter;\n");
    expect(editor).toEqual([expect.stringMatching(/editor must not import server/)]);
  });

  it('keeps the runtime away from the server and the editor', async () => {
    const messages = await lint('packages/runtime/src/lintFixture.ts', "import { a } from '@event-flows/server';\nimport { b } from '@event-flows/editor';\nexport const c = [a, b];\n");
    expect(messages).toHaveLength(2);
  });
});
