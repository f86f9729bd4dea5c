import { execFile } from 'node:child_process';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';

/** Path of librdkafka's command-line client (Debian's kcat; CI installs it with apt). */
export const kcatPath = '/usr/bin/kcat';

/** A kafkajs client for the broker at `address`, with logs silenced. */
export function kafkaAt(address: string, sasl?: SASLOptions): Kafka {
  return new Kafka({
    clientId: 'conformance',
    brokers: [address],
    logLevel: logLevel.NOTHING,
    retry: { retries: 3, initialRetryTime: 100 },
    ...(sasl ? { sasl } : {}),
  });
}

/**
 * The connection options of a @platformatic/kafka client (Admin, Producer or Consumer) for the
 * broker at `address`: few retries, so a refusal shows at once.
 */
export function platformaticOptions(address: string, clientId: string): { clientId: string; bootstrapBrokers: string[]; retries: number; retryDelay: number } {
  return { clientId, bootstrapBrokers: [address], retries: 3, retryDelay: 100 };
}

/** Runs kcat with `args` (and `input` on stdin); resolves with its exit code and output. */
export function kcat(args: readonly string[], input?: string, timeoutMs = 20_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(kcatPath, [...args], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

/** Polls `check` until it returns true or `timeoutMs` passes; resolves with the last result. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
