/*
 * Text for screen readers only is one rule of the design system (`.efs-visually-hidden` in ui.css), used
 * by the editor and the app alike: a second copy drifts (one clips, the other not) and a second class
 * name makes a newcomer wonder which to use.
 */
import { describe, expect, it } from 'vitest';

const stylesheets = import.meta.glob<string>(['../../../*/src/**/*.css'], { query: '?raw', import: 'default', eager: true });
const components = import.meta.glob<string>(['../../../*/src/**/*.tsx', '!../../../*/src/**/*.test.tsx'], { query: '?raw', import: 'default', eager: true });

/** A file's path from the packages folder (the glob names files next to this test `./x`, others `../../../x`). */
const fromPackages = (file: string) => new URL(file, import.meta.url).pathname.replace(/^.*\/packages\//, '');

/** The selectors of every rule that hides its element visually but leaves it to screen readers (it clips it to nothing). */
function hidingRules(): string[] {
  return Object.entries(stylesheets).flatMap(([file, css]) =>
    [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)]
      .filter((rule) => /clip-path:\s*inset\(50%\)|clip:\s*rect\(/.test(rule[2] ?? ''))
      .map((rule) => `${fromPackages(file)}: ${(rule[1] ?? '').trim()}`),
  );
}

describe('text for screen readers only', () => {
  it('is hidden by one rule, in the design system', () => {
    expect(Object.keys(stylesheets).length).toBeGreaterThan(5);
    expect(hidingRules()).toEqual(['editor/src/ui/ui.css: .efs-visually-hidden']);
  });

  it('is marked with that one class in every component', () => {
    expect(Object.keys(components).length).toBeGreaterThan(50);
    const others = Object.entries(components).flatMap(([file, source]) =>
      [...source.matchAll(/[\w-]*visually-hidden[\w-]*/g)].map((m) => m[0]).filter((name) => name !== 'efs-visually-hidden').map((name) => `${fromPackages(file)}: ${name}`),
    );
    expect(others).toEqual([]);
  });
});
