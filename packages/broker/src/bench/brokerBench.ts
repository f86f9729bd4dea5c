import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

/**
 * `pnpm bench:broker`: runs the broker in its own process and drives one kafkajs workload against
 * it (produce in batches of 1 KB messages, then consume with a group), recording the CPU time of
 * both processes; then runs a smaller workload against this broker and against librdkafka's mock
 * cluster. Prints figures; the last line is the summary the issue asks for.
 */

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const batchSize = 1000;
const payload = Buffer.alloc(1024, 'x');

interface WorkloadResult {
  readonly produceSeconds: number;
  readonly consumeSeconds: number;
  readonly clientCpuSeconds: number;
}

function cpuSeconds(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6;
}

async function workload(address: string, count: number, label: string): Promise<WorkloadResult> {
  const kafka = new Kafka({ clientId: 'bench', brokers: [address], logLevel: logLevel.NOTHING });
  const topic = `bench-${label}-${Date.now()}`;
  const cpuStart = process.cpuUsage();
  const producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  const produceStart = performance.now();
  for (let sent = 0; sent < count; sent += batchSize) {
    const n = Math.min(batchSize, count - sent);
    await producer.send({ topic, acks: 1, messages: Array.from({ length: n }, (_, i) => ({ key: String(sent + i), value: payload })) });
  }
  const produceSeconds = (performance.now() - produceStart) / 1000;
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 100, maxBytes: 10 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let received = 0;
  const consumeStart = performance.now();
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        received += batch.messages.length;
        if (received >= count) resolve();
      },
    });
  });
  await done;
  const consumeSeconds = (performance.now() - consumeStart) / 1000;
  await consumer.disconnect();
  const clientCpuSeconds = cpuSeconds(process.cpuUsage(cpuStart));
  return { produceSeconds, consumeSeconds, clientCpuSeconds };
}

async function startBrokerProcess(): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0'], {
    cwd: packageDir,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let out = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /broker ready on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}`)));
  });
  return { child, address };
}

async function brokerCpu(child: ChildProcess): Promise<number> {
  child.send('cpu');
  const [message] = (await once(child, 'message')) as [{ cpu: NodeJS.CpuUsage }];
  return cpuSeconds(message.cpu);
}

async function startMockCluster(): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn('/usr/bin/kcat', ['-b', '127.0.0.1:1', '-X', 'test.mock.num.brokers=1', '-d', 'mock', '-C', '-t', 'warmup'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString('latin1');
      const match = /bootstrap\.servers=([^\s,]+)/.exec(err);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`kcat mock exited with ${code}`)));
  });
  child.stderr?.removeAllListeners('data');
  child.stderr?.resume();
  return { child, address };
}

const rate = (count: number, seconds: number): number => Math.round(count / seconds);

async function main(): Promise<void> {
  const big = Number(process.env.BENCH_MESSAGES ?? 100_000);
  const small = 10_000;
  const { child, address } = await startBrokerProcess();
  try {
    await workload(address, 2_000, 'warmup');
    const cpuBefore = await brokerCpu(child);
    const main = await workload(address, big, 'main');
    const brokerCpuSeconds = (await brokerCpu(child)) - cpuBefore;
    const share = brokerCpuSeconds / main.clientCpuSeconds;
    console.log(
      `workload ${big} x 1 KB: produce ${main.produceSeconds.toFixed(2)} s, consume ${main.consumeSeconds.toFixed(2)} s, ` +
        `client CPU ${main.clientCpuSeconds.toFixed(2)} s, broker CPU ${brokerCpuSeconds.toFixed(2)} s`,
    );

    const ours = await workload(address, small, 'small');
    const mock = await startMockCluster();
    let theirs: WorkloadResult;
    try {
      await workload(mock.address, 1_000, 'mockwarmup');
      theirs = await workload(mock.address, small, 'small');
    } finally {
      mock.child.kill('SIGKILL');
    }
    const oursRate = small / (ours.produceSeconds + ours.consumeSeconds);
    const theirsRate = small / (theirs.produceSeconds + theirs.consumeSeconds);
    console.log(`${small} x 1 KB end to end: this broker ${Math.round(oursRate)} msg/s, librdkafka mock ${Math.round(theirsRate)} msg/s`);
    console.log(
      `bench:broker produce_msgs_per_s=${rate(big, main.produceSeconds)} consume_msgs_per_s=${rate(big, main.consumeSeconds)} ` +
        `broker_cpu_share=${share.toFixed(3)} ratio_vs_librdkafka_mock=${(oursRate / theirsRate).toFixed(3)}`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
process.exit(0);
