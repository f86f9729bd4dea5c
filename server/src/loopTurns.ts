/** Callers waiting for a turn, first come first served. */
const waiting: Array<() => void> = [];
let granting = false;

/** Lets the first caller waiting go on, and the next one in the next turn of the event loop. */
function grantNext(): void {
  waiting.shift()?.();
  // An immediate scheduled while immediates run waits for the next turn of the loop, after its
  // I/O: so requests that arrived meanwhile (`/healthz`, the broker's clients) are served first.
  if (waiting.length > 0) setImmediate(grantNext);
  else granting = false;
}

/**
 * Resolves in a turn of the event loop of the caller's own: at most one caller goes on per turn, in
 * the order they asked, and the loop polls for I/O between two. Long synchronous steps (building a
 * large answer, serialising it) that each wait for a turn before they run are thereby never run back
 * to back, however many requests ask for them at once, and the longest the loop is held is the
 * longest single step.
 */
export function loopTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!granting) {
      granting = true;
      setImmediate(grantNext);
    }
  });
}
