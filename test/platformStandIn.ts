/**
 * Runs the platform's stand-in (`server/src/testing/platformStub.ts`) for local use with `pnpm start`,
 * seeded with the demo algorithms' versions and two event listeners of the demo member on the embedded broker:
 *
 *   STUB_PORT=18090 KAFKA_PORT=9092 pnpm platform-stand-in
 *   ALGORITHMIA_API_URL=http://127.0.0.1:18090 ALGORITHMIA_API_KEY=local-stand-in-key pnpm start
 *
 * Algorithms are then invoked on the stand-in, which echoes each input with its version.
 */
import { startPlatformStub } from '../server/src/testing/platformStub.ts';

const port = Number(process.env.STUB_PORT ?? 18090);
const apiKey = process.env.ALGORITHMIA_API_KEY ?? 'local-stand-in-key';
const bootstrapServers = process.env.KAFKA_BOOTSTRAP ?? `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`;

const stub = await startPlatformStub(apiKey, port);
stub.versions = {
  'acme/classify': ['1.0.0', '1.1.0', '1.2.0'],
  'acme/enrich': ['0.9.0', '1.0.0'],
  'acme/alert': ['2.0.0'],
  'acme/echo': ['1.0.0'],
  'globex/score': ['1.0.0'],
};
stub.listeners.set('max', [
  { id: 'orders-classify', sourceType: 'Kafka', algoOwner: 'acme', algoName: 'classify', algoVersion: '1.1.0', algoTimeoutSeconds: 60, credentials: { topic: 'orders', bootstrapServers } },
  { id: 'legacy-echo', sourceType: 'Kafka', algoOwner: 'acme', algoName: 'echo', algoVersion: '1.0.0', algoTimeoutSeconds: 300, credentials: { topic: 'legacy.events', bootstrapServers: 'kafka.elsewhere:9092' } },
]);
console.log(`Platform stand-in on ${stub.url} (key ${apiKey}); listeners read ${bootstrapServers}.`);
console.log(`  ALGORITHMIA_API_URL=${stub.url} ALGORITHMIA_API_KEY=${apiKey} pnpm start`);
process.on('SIGTERM', () => void stub.close().then(() => process.exit(0)));
process.on('SIGINT', () => void stub.close().then(() => process.exit(0)));
