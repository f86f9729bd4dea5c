import { describe, expect, it } from 'vitest';
import { detailZooms, nextDetailLevel, type DetailLevel } from './detailLevel.ts';

/** The levels passed through when zooming through `zooms` from full detail. */
function levelsAlong(zooms: readonly number[]): DetailLevel[] {
  let level: DetailLevel = 'full';
  return zooms.map((zoom) => (level = nextDetailLevel(level, zoom)));
}

describe('nextDetailLevel', () => {
  it('draws low detail below the zoom where text cannot be read, and full detail above the way back', () => {
    expect(levelsAlong([1, 0.75, 0.3, 0.05, 0.3, 0.75])).toEqual(['full', 'full', 'low', 'low', 'low', 'full']);
  });

  it('does not switch back and forth when the zoom hovers around either threshold', () => {
    const { lowBelow, fullAbove } = detailZooms;
    const aroundLow = [lowBelow + 0.01, lowBelow - 0.01, lowBelow + 0.01, lowBelow - 0.01, lowBelow + 0.01];
    expect(levelsAlong(aroundLow)).toEqual(['full', 'low', 'low', 'low', 'low']);
    const aroundFull = [0.2, fullAbove - 0.01, fullAbove + 0.01, fullAbove - 0.01, fullAbove + 0.01];
    expect(levelsAlong(aroundFull)).toEqual(['low', 'low', 'full', 'full', 'full']);
  });
});
