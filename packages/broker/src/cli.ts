import { parseArgs } from 'node:util';
import { startBroker } from './server/startBroker.ts';

/**
 * `pnpm broker [--port 9092] [--data-dir DIR] [--sasl-users name:password,...]
 * [--super-users name,...] [--no-auto-create-topics]`
 */
const usage =
  'usage: pnpm broker [--port 9092] [--host 127.0.0.1] [--data-dir DIR] [--sasl-users name:password,...] [--super-users name,...] [--no-auto-create-topics]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((a) => a !== '--'),
      options: {
        port: { type: 'string', default: '9092' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
        'sasl-users': { type: 'string' },
        'super-users': { type: 'string' },
        'no-auto-create-topics': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    return fail(String((error as Error).message));
  }
})();

if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`invalid --port ${values.port}`);

const saslUsers: Record<string, string> = {};
for (const entry of (values['sasl-users'] ?? '').split(',').filter(Boolean)) {
  const colon = entry.indexOf(':');
  if (colon <= 0) fail(`invalid --sasl-users entry "${entry}" (expected name:password)`);
  saslUsers[entry.slice(0, colon)] = entry.slice(colon + 1);
}

const broker = await startBroker({
  port,
  host: values.host,
  dataDir: values['data-dir'],
  saslUsers,
  superUsers: (values['super-users'] ?? '').split(',').filter(Boolean),
  autoCreateTopics: !values['no-auto-create-topics'],
});

const auth = Object.keys(saslUsers).length > 0 ? 'SASL_PLAINTEXT (PLAIN) with ACLs' : 'PLAINTEXT';
process.stdout.write(
  `broker ready on ${broker.address} (${auth}, ${values['data-dir'] ? `data in ${values['data-dir']}` : 'memory only'})\n`,
);

// IPC for the benchmark: report this process's CPU time when asked.
process.on('message', (message: unknown) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void broker.close().then(() => process.exit(0));
  });
}
