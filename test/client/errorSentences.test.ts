/**
 * Every refusal reaches a person as a sentence: the typed client against the real server over HTTP
 * (startHttpBed). Input the schemas refuse is worded per field; a body the HTTP edge refuses with 413
 * says its size and the limit instead of tRPC's "Unable to transform response from server".
 */
import { createClient, errorSentence, fieldSentence, refusalSentence, type EventFlowsClient } from '@event-flows/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBed, tokens, type HttpBed } from '../../server/src/testing/httpBed.ts';

let bed: HttpBed;
let client: EventFlowsClient;

/** What a call failed with; fails the test when the call succeeds. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call succeeded');
}

const unreadable = /\[\{|"code"|\/\^|Unable to transform/;

beforeAll(async () => {
  bed = await startHttpBed({ runtime: true });
  client = createClient({ apiUrl: bed.url, getToken: () => tokens.member, EventSource });
}, 60_000);
afterAll(async () => bed?.close());

describe('errorSentence against the server', () => {
  it('words a 300-character flow name next to its field', async () => {
    const error = await failure(client.flows.create.mutate({ orgId: 'acme', name: 'n'.repeat(300) }));
    expect(errorSentence(error)).toBe('Name may have at most 200 characters.');
    expect(fieldSentence(error, 'name')).toBe('Name may have at most 200 characters.');
  });

  it('words a topic name with characters Kafka refuses without a pattern', async () => {
    const error = await failure(client.runtime.sendTestMessage.mutate({ orgId: 'acme', connection: 'local', topic: 'bad topic!', value: 'x' }));
    expect(fieldSentence(error, 'topic')).toBeDefined();
    expect(errorSentence(error)).not.toMatch(unreadable);
  });

  it('says the size and the limit when the HTTP edge refuses a 12 MB body with 413', async () => {
    const error = await failure(client.runtime.sendTestMessage.mutate({ orgId: 'acme', connection: 'local', topic: 'orders', value: 'x'.repeat(12 * 1_048_576) }));
    expect(errorSentence(error)).toBe('The request is 13 MB; the server takes at most 12 MB at once.');
  });
});

describe('refusalSentence', () => {
  it('says what 408, 429 and 5xx answers mean without a body to read', () => {
    expect(refusalSentence(408, 10, undefined)).toMatch(/^The server stopped waiting after 30 seconds/);
    expect(refusalSentence(429, 10, undefined)).toBe('Too many requests at once. Wait a moment and try again.');
    expect(refusalSentence(502, 10, undefined)).toBe('The server could not answer (HTTP 502). Try again in a moment.');
    expect(refusalSentence(413, 2_100_000, undefined)).toBe('The request is 2.1 MB, more than the server takes at once.');
  });
});
