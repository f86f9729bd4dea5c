/*
 * The design tokens' contrast, computed from tokens.css itself in both themes. Axe checks the text
 * of the DOM, but the canvas draws node text, group names and status lines where axe cannot measure
 * them (nodes far out are a <canvas> drawing, and axe skips what is transformed out of view), so the
 * colours the node views use are checked here, pair by pair, against WCAG 2.2's ratios.
 */
import { describe, expect, it } from 'vitest';
import tokensCss from './tokens.css?raw';

type Theme = 'light' | 'dark';

/** The variables of each theme: light is the first block of tokens.css, dark the block after it, over light. */
function readTokens(): Record<Theme, Map<string, string>> {
  const blocks = [...tokensCss.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
  const parse = (block: string) => new Map([...block.matchAll(/(--efs-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()]));
  const light = parse(blocks[0] ?? '');
  return { light, dark: new Map([...light, ...parse(blocks[1] ?? '')]) };
}

/** WCAG 2.2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) throw new Error(`not a #rrggbb colour: ${hex}`);
  const value = Number.parseInt(match[1], 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((value >> 16) & 255) + 0.7152 * channel((value >> 8) & 255) + 0.0722 * channel(value & 255);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const tokens = readTokens();

function colour(theme: Theme, name: string): string {
  const value = tokens[theme].get(name);
  if (!value) throw new Error(`tokens.css has no ${name} in ${theme}`);
  return value;
}

/** Text drawn on a node (name, kind, status line, marks) over each background a node can have. */
const nodeText = ['--efs-fg', '--efs-muted', '--efs-algorithm-accent', '--efs-topic-accent', '--efs-dlq', '--efs-running', '--efs-paused', '--efs-error', '--efs-warning', '--efs-accent'];
const nodeBackgrounds = ['--efs-node-bg', '--efs-dlq-bg', '--efs-error-bg'];

describe.each(['light', 'dark'] as const)('design tokens, %s theme', (theme) => {
  it('gives node text at least 4.5:1 against every node background', () => {
    const tooLow: string[] = [];
    for (const text of nodeText) {
      for (const background of nodeBackgrounds) {
        const ratio = contrast(colour(theme, text), colour(theme, background));
        if (ratio < 4.5) tooLow.push(`${text} on ${background}: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(tooLow).toEqual([]);
  });

  it('gives a collapsed group its name and the diff badges their text at 4.5:1 or more', () => {
    expect(contrast(colour(theme, '--efs-node-bg'), colour(theme, '--efs-accent'))).toBeGreaterThanOrEqual(4.5);
    for (const mark of ['--efs-diff-added', '--efs-diff-removed', '--efs-diff-changed']) {
      expect(contrast(colour(theme, '--efs-diff-on-badge'), colour(theme, mark))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives the edges of controls and panels at least 3:1 against the surfaces', () => {
    for (const surface of ['--efs-bg', '--efs-panel-bg', '--efs-node-bg']) {
      expect(contrast(colour(theme, '--efs-border'), colour(theme, surface))).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives the focus ring and the edges of controls 3:1 or more on every surface, under the pointer too', () => {
    const tooLow: string[] = [];
    // A list row's leading edge is in its kind's or severity's colour; the focus ring is drawn around any control.
    for (const edge of ['--efs-focus', '--efs-border', '--efs-accent', '--efs-algorithm-accent', '--efs-topic-accent', '--efs-info', '--efs-warning', '--efs-error']) {
      for (const surface of ['--efs-bg', '--efs-panel-bg', '--efs-node-bg', '--efs-hover-bg']) {
        const ratio = contrast(colour(theme, edge), colour(theme, surface));
        if (ratio < 3) tooLow.push(`${edge} on ${surface}: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(tooLow).toEqual([]);
  });

  it('keeps the text of a row under the pointer at 4.5:1 or more', () => {
    for (const text of ['--efs-fg', '--efs-muted']) {
      expect(contrast(colour(theme, text), colour(theme, '--efs-hover-bg'))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('gives the primary button and the error badge readable text', () => {
    expect(contrast(colour(theme, '--efs-on-accent'), colour(theme, '--efs-accent'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colour(theme, '--efs-on-error'), colour(theme, '--efs-error'))).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the DLQ apart from an error and running apart from publish', () => {
    expect(colour(theme, '--efs-dlq')).not.toBe(colour(theme, '--efs-error'));
    expect(colour(theme, '--efs-running')).not.toBe(colour(theme, '--efs-publish'));
  });
});
