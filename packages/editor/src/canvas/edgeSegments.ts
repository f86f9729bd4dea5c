/** One piece of an SVG path: a straight line or a quadratic corner, drawn on its own. */
export interface PathPiece {
  /** The piece as path data, starting with its own `M`. */
  d: string;
  /** Its length (a corner's is approximated), so a dash pattern can continue across pieces. */
  length: number;
  /** Distance along the whole path at which the piece starts. */
  offset: number;
}

const token = /[MLQ]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi;

/**
 * Splits path data made of `M`, `L` and `Q` commands (absolute, as React Flow's step and smooth-step
 * paths are) into one piece per line or corner. Drawn dashed piece by piece, a long right-angle edge
 * costs the renderer only the visible part of each straight line: dashes are culled to the visible
 * area on a horizontal or vertical line, but generated along the whole length of a longer path.
 * Returns `null` for anything else (other commands, malformed data).
 */
export function splitPathIntoPieces(path: string): PathPiece[] | null {
  const tokens = path.match(token);
  if (!tokens) return null;
  const pieces: PathPiece[] = [];
  let x = 0;
  let y = 0;
  let started = false;
  let travelled = 0;
  let i = 0;
  const number = () => {
    const value = Number(tokens[i++]);
    return Number.isFinite(value) ? value : null;
  };
  while (i < tokens.length) {
    const command = tokens[i++]?.toUpperCase();
    if (command === 'M') {
      const nx = number();
      const ny = number();
      if (nx === null || ny === null) return null;
      x = nx;
      y = ny;
      started = true;
    } else if (command === 'L' && started) {
      const nx = number();
      const ny = number();
      if (nx === null || ny === null) return null;
      const length = Math.hypot(nx - x, ny - y);
      if (length > 0) pieces.push({ d: `M${x} ${y}L${nx} ${ny}`, length, offset: travelled });
      travelled += length;
      x = nx;
      y = ny;
    } else if (command === 'Q' && started) {
      const cx = number();
      const cy = number();
      const nx = number();
      const ny = number();
      if (cx === null || cy === null || nx === null || ny === null) return null;
      // Between the chord and the control polygon: close enough for a dash phase.
      const length = (Math.hypot(cx - x, cy - y) + Math.hypot(nx - cx, ny - cy) + Math.hypot(nx - x, ny - y)) / 2;
      pieces.push({ d: `M${x} ${y}Q${cx} ${cy} ${nx} ${ny}`, length, offset: travelled });
      travelled += length;
      x = nx;
      y = ny;
    } else {
      return null;
    }
  }
  return pieces;
}
