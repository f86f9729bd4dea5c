import { describe, expect, it } from 'vitest';
import { addressOf, leavesFlow, pageAt, type FlowPanel, type StudioPage } from './studioAddress.ts';

/** Every kind of page the studio shows, with and without an open panel. */
const pages: StudioPage[] = [
  { name: 'flows' },
  { name: 'flow', id: 'flow_0c88a1', panel: null },
  { name: 'flow', id: 'flow_0c88a1', panel: 'plan' },
  { name: 'flow', id: 'flow_0c88a1', panel: 'test-message' },
  { name: 'flow', id: 'flow_0c88a1', panel: 'dlq' },
  { name: 'flow', id: 'flow_0c88a1', panel: 'history' },
  { name: 'flow', id: 'flow_0c88a1', panel: 'follow' },
  { name: 'flow', id: 'flow_0c88a1', panel: 'follow', follow: { connection: 'local', topic: 'orders', partition: 0, offset: '42' } },
  { name: 'flow', id: 'flow_0c88a1', panel: 'follow', follow: { topic: 'orders', key: 'o 1&2' } },
  { name: 'connections' },
  { name: 'grants' },
  { name: 'grant-requests' },
  { name: 'audit' },
  { name: 'discover' },
  { name: 'discover', view: { connection: 'local', kind: 'acls', search: 'legacy pay&?#', status: 'left-alone', after: ['User:a b', 'User:c&d'] } },
];

describe('addressOf', () => {
  it('gives each page an address a person can read', () => {
    expect(pages.map(addressOf)).toEqual([
      '/flows',
      '/flows/flow_0c88a1',
      '/flows/flow_0c88a1/plan',
      '/flows/flow_0c88a1/test-message',
      '/flows/flow_0c88a1/dead-letters',
      '/flows/flow_0c88a1/history',
      '/flows/flow_0c88a1/follow',
      '/flows/flow_0c88a1/follow?connection=local&topic=orders&partition=0&offset=42',
      '/flows/flow_0c88a1/follow?topic=orders&key=o+1%262',
      '/admin/connections',
      '/admin/grants',
      '/admin/grant-requests',
      '/admin/audit',
      '/admin/discover',
      '/admin/discover?connection=local&show=acls&search=legacy+pay%26%3F%23&status=left-alone&after=User%3Aa+b&after=User%3Ac%26d',
    ]);
  });

  it('escapes a flow id that holds characters of an address', () => {
    expect(addressOf({ name: 'flow', id: 'a/b c#?%', panel: null })).toBe('/flows/a%2Fb%20c%23%3F%25');
  });
});

describe('pageAt', () => {
  it('reads back every address addressOf gives', () => {
    for (const page of [...pages, { name: 'flow', id: 'a/b c#?%é', panel: 'history' } as const]) {
      expect(pageAt(addressOf(page))).toEqual(page);
    }
  });

  it('takes an empty address, or a trailing slash, as the page without it', () => {
    expect(pageAt('')).toEqual({ name: 'flows' });
    expect(pageAt('/')).toEqual({ name: 'flows' });
    expect(pageAt('/flows/')).toEqual({ name: 'flows' });
    expect(pageAt('/flows/f1/')).toEqual({ name: 'flow', id: 'f1', panel: null });
    expect(pageAt('/admin/grants/')).toEqual({ name: 'grants' });
  });

  it("keeps Discover's filter and page in the address, and drops what does not read", () => {
    expect(pageAt('/admin/discover?show=groups&status=unmanaged')).toEqual({ name: 'discover', view: { kind: 'groups', status: 'unmanaged' } });
    expect(pageAt('/admin/discover?show=nope&status=gone&search=')).toEqual({ name: 'discover' });
    expect(pageAt(`/admin/discover?search=${'x'.repeat(201)}`)).toEqual({ name: 'discover' });
    expect(pageAt('/admin/grants?show=acls')).toBeNull();
  });

  it('names no page for an address the studio does not have', () => {
    for (const address of ['/nope', '/flows/f1/nope', '/flows/f1/history/more', '/admin', '/admin/users', '/flows/%E0%A4%A', 'flows']) {
      expect(pageAt(address), address).toBeNull();
    }
  });
});

describe('leavesFlow', () => {
  const flow = (id: string, panel: FlowPanel | null = null): StudioPage => ({ name: 'flow', id, panel });
  it('is leaving a flow for another page or another flow, not opening or closing its panels', () => {
    expect(leavesFlow(flow('f1'), { name: 'flows' })).toBe(true);
    expect(leavesFlow(flow('f1', 'history'), { name: 'grants' })).toBe(true);
    expect(leavesFlow(flow('f1'), flow('f2'))).toBe(true);
    expect(leavesFlow(flow('f1'), flow('f1', 'dlq'))).toBe(false);
    expect(leavesFlow(flow('f1', 'plan'), flow('f1'))).toBe(false);
    expect(leavesFlow({ name: 'flows' }, flow('f1'))).toBe(false);
    expect(leavesFlow({ name: 'connections' }, { name: 'grants' })).toBe(false);
  });
});
