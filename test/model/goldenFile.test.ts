import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectGolden } from './goldenFile.ts';

describe('golden files', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'golden-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('fails on a missing golden file, says how to write it, and writes nothing', () => {
    const target = path.join(freshDir(), 'plan.json');
    expect(() => expectGolden(target, { actions: [] }, false)).toThrow(/plan\.json.*UPDATE_GOLDEN=1/s);
    expect(existsSync(target)).toBe(false);
  });

  it('writes a missing golden file when asked to update', () => {
    const target = path.join(freshDir(), 'plan.json');
    expectGolden(target, { actions: [] }, true);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toEqual({ actions: [] });
  });

  it('fails when the output differs from the reviewed file', () => {
    const target = path.join(freshDir(), 'plan.json');
    expectGolden(target, { actions: [] }, true);
    expect(() => expectGolden(target, { actions: ['x'] }, false)).toThrow();
  });
});
