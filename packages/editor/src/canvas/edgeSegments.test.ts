import { getSmoothStepPath, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { splitPathIntoPieces } from './edgeSegments.ts';

describe('splitPathIntoPieces', () => {
  it('splits a smooth-step path into straight lines and corners that join end to start', () => {
    const [path] = getSmoothStepPath({
      sourceX: 0,
      sourceY: 0,
      sourcePosition: Position.Bottom,
      targetX: 3000,
      targetY: -400,
      targetPosition: Position.Left,
      borderRadius: 8,
    });
    const pieces = splitPathIntoPieces(path);
    expect(pieces).not.toBeNull();
    expect(pieces!.length).toBeGreaterThan(3);
    const ends = pieces!.map((p) => p.d.match(/-?[\d.]+/g)!.map(Number));
    for (let i = 1; i < ends.length; i++) {
      expect(ends[i]!.slice(0, 2)).toEqual(ends[i - 1]!.slice(-2));
      expect(pieces![i]!.offset).toBeCloseTo(pieces![i - 1]!.offset + pieces![i - 1]!.length, 6);
    }
    // Straight pieces are horizontal or vertical lines, which is what makes them cheap to dash.
    for (const piece of pieces!.filter((p) => p.d.includes('L'))) {
      const [x1, y1, x2, y2] = piece.d.match(/-?[\d.]+/g)!.map(Number);
      expect(x1 === x2 || y1 === y2).toBe(true);
    }
  });

  it('refuses path data it does not understand', () => {
    expect(splitPathIntoPieces('M0 0 C 1 1 2 2 3 3')).toBeNull();
    expect(splitPathIntoPieces('L 1 2')).toBeNull();
  });
});
