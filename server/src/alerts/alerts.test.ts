/**
 * Alerts end to end (issue 22): the demo pipeline deployed with the real runtime in process, a rule
 * written over HTTP, a malformed order dead-lettered, and the alert posted to a local webhook receiver
 * as Slack takes it — then resolved when the flow is undeployed; silenced rules record without sending.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipelineGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployFlow, undeployFlow } from '../deploy/deployEngine.ts';
import { createFlow } from '../store/flows.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';
import { eventually } from '../testing/eventually.ts';
import { startAlertEngine, type AlertEngine } from './alertEngine.ts';
import { webhookRefusal } from './webhook.ts';

/** A webhook receiver on this machine: every body posted to it, parsed. */
async function startReceiver(): Promise<{ url: string; posts: Array<{ text: string }>; close(): Promise<void> }> {
  const posts: Array<{ text: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posts.push(JSON.parse(body) as { text: string });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret-token`, posts, close: () => new Promise((r) => server.close(() => r())) };
}

describe('alerts', () => {
  let bed: HttpBed;
  let engine: AlertEngine;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let flowId: string;
  beforeAll(async () => {
    receiver = await startReceiver();
    bed = await startHttpBed({ runtime: true, alertWebhookHosts: ['127.0.0.1'] });
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
    flowId = flow.id;
    expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
    engine = startAlertEngine(bed.services, { intervalMs: 250 });
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
    await bed?.close();
    await receiver?.close();
  });

  const rule = { name: 'Dead letters on orders', binding: { algorithm: 'acme/classify', connection: 'local', topic: 'orders' }, condition: { kind: 'dlq-growth', atLeast: 1, windowMinutes: 5 } };

  it('refuses a viewer, another org and a webhook inside the network, each with a sentence', async () => {
    expect((await bed.call('mutation', 'alerts.save', { flowId, rule }, tokens.viewer)).status).toBe(403);
    expect((await bed.call('mutation', 'alerts.save', { flowId, rule }, tokens.otherMember)).status).toBe(404);
    expect((await bed.call('query', 'alerts.list', { flowId }, tokens.otherMember)).status).toBe(404);
    const bad = await bed.call('mutation', 'alerts.save', { flowId, rule: { ...rule, condition: { kind: 'dlq-growth', atLeast: 0, windowMinutes: 5 } } }, tokens.member);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/condition\.atLeast/);
    // Without ALERT_WEBHOOK_HOSTS, nothing on this machine or a private network.
    expect(webhookRefusal('http://127.0.0.1:5432/', [])).toMatch(/private network/);
    expect(webhookRefusal('http://10.1.2.3/hook', [])).toMatch(/private network/);
    expect(webhookRefusal('https://hooks.slack.com/services/T/B/x', [])).toBeNull();
    expect(webhookRefusal('ftp://example.com/', [])).toMatch(/https:\/\//);
    const refused = await bed.call('mutation', 'alerts.save', { flowId, rule, webhook: 'http://10.0.0.8/hook' }, tokens.member);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/ALERT_WEBHOOK_HOSTS/);
  });

  it('fires to the webhook when dead letters appear, shows the firing, and resolves when the flow is undeployed', async () => {
    const saved = await bed.call('mutation', 'alerts.save', { flowId, rule, webhook: receiver.url }, tokens.member);
    expect(saved.status).toBe(200);
    const shown = saved.body.result?.data as { id: string; webhook: string; described: string };
    // The webhook's path holds its token: the API shows the host only.
    expect(shown.webhook).toBe(`${new URL(receiver.url).protocol}//${new URL(receiver.url).host}/…`);
    expect(JSON.stringify(saved.body)).not.toContain('secret-token');
    expect(shown.described).toBe('1 dead letter or more within 5 minutes');

    // Let the engine see the binding before the dead letter, so the growth is measured from 0.
    await eventually(() => bed.services.statuses.current(), (s) => s.some((b) => b.algorithm === 'acme/classify'));
    await engine.evaluate();
    const kafka = new kafkajs.Kafka({ clientId: 'alerts-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders', messages: [{ key: 'o-bad', value: 'not json at all' }] });
    await producer.disconnect();

    const posts = await eventually(() => receiver.posts, (p) => p.length >= 1);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text).toMatch(/^\[FIRING\] Dead letters on orders: 1 dead letter or more within 5 minutes — now 1 dead letter in the last 5 minutes\. acme\/classify on "orders" \(local\), flow "Orders"\.$/);
    const listed = (await bed.call('query', 'alerts.list', { flowId }, tokens.viewer)).body.result?.data as { firing: Array<{ ruleId: string; notified: string }> };
    expect(listed.firing).toEqual([expect.objectContaining({ ruleId: shown.id, notified: 'sent' })]);
    // The flow list says so too.
    const firingIn = async () => ((await bed.call('query', 'flows.list', { orgId: 'acme' }, tokens.viewer)).body.result?.data as Array<{ id: string; alertsFiring: number }>).find((f) => f.id === flowId)?.alertsFiring;
    expect(await firingIn()).toBe(1);
    // It fires once, however many evaluations see it.
    await engine.evaluate();
    await engine.evaluate();
    expect(receiver.posts).toHaveLength(1);

    await undeployFlow(bed.services, { flowId, actor: users.member });
    await eventually(() => receiver.posts, (p) => p.length >= 2);
    expect(await firingIn()).toBe(0);
    expect(receiver.posts[1]?.text).toMatch(/^\[RESOLVED\] Dead letters on orders is resolved: acme\/classify on "orders" no longer runs/);
    const history = (await bed.call('query', 'alerts.history', { flowId }, tokens.viewer)).body.result?.data as Array<{ kind: string }>;
    expect(history.map((e) => e.kind)).toEqual(['resolved', 'fired']);
    const audited = await bed.services.db.query<{ action: string }>("select action from audit_log where action like 'alert.%'");
    expect(audited.map((a) => a.action)).toEqual(['alert.save']);
  });

  it('records a silenced rule firing without sending it', async () => {
    const { rules } = (await bed.call('query', 'alerts.list', { flowId }, tokens.member)).body.result?.data as { rules: Array<{ id: string }> };
    expect(rules).toHaveLength(1);
    const silenced = await bed.call('mutation', 'alerts.silence', { flowId, id: rules[0]?.id, minutes: 60 }, tokens.member);
    expect(silenced.status).toBe(200);
    // Deployed again, the binding starts from 0 dead letters; one more makes the rule fire, silenced.
    expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
    await eventually(() => bed.services.statuses.current(), (s) => s.some((b) => b.algorithm === 'acme/classify' && b.state === 'running'));
    await engine.evaluate();
    const kafka = new kafkajs.Kafka({ clientId: 'alerts-test-2', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders', messages: [{ key: 'o-bad-2', value: 'still not json' }] });
    await producer.disconnect();
    const firing = await eventually(
      async () => ((await bed.call('query', 'alerts.list', { flowId }, tokens.member)).body.result?.data as { firing: Array<{ notified: string }> }).firing,
      (f) => f.length === 1,
    );
    expect(firing).toEqual([expect.objectContaining({ notified: 'silenced' })]);
    expect(receiver.posts).toHaveLength(2);
  });
});
