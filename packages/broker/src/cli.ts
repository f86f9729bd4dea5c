import { parseArgs } from 'node:util';
import { startBroker } from './server/startBroker.ts';

/**
 * `pnpm broker [--port 9092] [--data-dir DIR] [--sasl-users name:password,...]
 * [--super-users name,...] [--authorizer | --no-authorizer] [--leave-out-apis Name,...] [--no-auto-create-topics]`
 */
const usage =
  'usage: pnpm broker [--port 9092] [--host 127.0.0.1] [--data-dir DIR] [--sasl-users name:password,...] [--super-users name,...] [--authorizer | --no-authorizer] [--leave-out-apis Name,...] [--no-auto-create-topics]';

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
        authorizer: { type: 'boolean' },
        'no-authorizer': { type: 'boolean' },
        'leave-out-apis': { type: 'string' },
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

if (values.authorizer && values['no-authorizer']) fail('give --authorizer or --no-authorizer, not both');
// Without either flag the broker has an authorizer exactly when it has SASL users.
const authorizer = values.authorizer ? true : values['no-authorizer'] ? false : undefined;

const broker = await (async () => {
  try {
    return await startBroker({
      port,
      host: values.host,
      dataDir: values['data-dir'],
      saslUsers,
      superUsers: (values['super-users'] ?? '').split(',').filter(Boolean),
      ...(authorizer === undefined ? {} : { authorizer }),
      leaveOutApis: (values['leave-out-apis'] ?? '').split(',').filter(Boolean),
      autoCreateTopics: !values['no-auto-create-topics'],
    });
  } catch (error) {
    return fail(String((error as Error).message));
  }
})();

const sasl = Object.keys(saslUsers).length > 0 ? 'SASL_PLAINTEXT (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512)' : 'PLAINTEXT';
const acls = (authorizer ?? Object.keys(saslUsers).length > 0) ? 'ACLs enforced' : 'no authorizer: ACL requests answer SECURITY_DISABLED';
const auth = `${sasl}, ${acls}`;
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
