/**
 * Waiting in tests for what the server does in the background (a runtime consuming, an alert firing,
 * a client closing): the test reads until what it reads says it happened, then asserts on that.
 */

/**
 * Calls `read` every 200 ms until `done` holds of what it answered, or `timeoutMs` have passed; answers
 * the last value read, for the test to assert on (so a timeout fails with what was seen, not a bare "timed out").
 */
export async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}
