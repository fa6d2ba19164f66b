import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditList, AuditViewList, IncidentList, Role } from '@scam/shared';
import { verifyAuditStore } from './db/audit-verify.js';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

/**
 * The audit trail as an auditor reads it: one line per screen someone opened, in words, searchable
 * by incident reference; HEAD requests disclose nothing.
 */

const row = (ref: string, town: string, method: string, day: string) => [ref, day, town, method, '£500.00', '81', 'Money lost', ''];

let t: TestDb;
let server: TestServer;
beforeAll(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
  const rows = [
    row('HC/26/44019', 'Watford', 'Courier fraud (police impersonation)', '14/10/2026'),
    row('HC/26/44020', 'Watford', 'Courier fraud (police impersonation)', '15/10/2026'),
    row('HC/26/50001', 'Stevenage', 'Romance fraud', '02/11/2026'),
  ];
  expect((await upload(server.url, forceReturn(rows))).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  t.close();
});

/** A call as the dashboard makes it for one screen view. */
function call(path: string, view: { id: string; screen: string } | null, as: Role = 'analyst', method = 'GET'): Promise<Response> {
  const headers: Record<string, string> = view ? { 'X-View-Id': view.id, 'X-Screen': view.screen } : {};
  return server.fetch(path, { as, method, headers });
}

async function admin<T>(path: string): Promise<T> {
  const res = await server.fetch(path, { as: 'admin' });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const OCT = 'method=courier&district=Watford&from=2026-10-01&to=2026-10-31';

describe('one line per screen view, in words', () => {
  it('the overview opened with filters reads as one line naming the screen, kind of scam, place and month, with its calls underneath', async () => {
    const view = { id: 'view-overview-0001', screen: '/' };
    for (const path of ['/api/summary', '/api/timeseries', '/api/places', '/api/districts', '/api/breakdowns']) {
      expect((await call(`${path}?${OCT}${path === '/api/timeseries' ? '&interval=month' : ''}`, view, 'viewer')).status).toBe(200);
    }
    const { views } = await admin<AuditViewList>('/api/audit/views?user=viewer');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      user: 'viewer',
      action: 'consultation',
      screen: '/',
      viewId: 'view-overview-0001',
      calls: 5,
      description: 'Viewed the overview: courier fraud, Watford, Oct 2026',
    });
    expect(views[0]?.entries.map((e) => e.description)).toContain('Viewed the time chart by month: courier fraud, Watford, Oct 2026');
    // The flat list keeps every call, with the same fields as before and the new ones beside them.
    const flat = await admin<AuditList>('/api/audit?user=viewer');
    expect(flat.entries).toHaveLength(5);
    expect(flat.entries[0]).toMatchObject({
      user: 'viewer',
      role: 'viewer',
      action: 'consultation',
      viewId: 'view-overview-0001',
      screen: '/',
    });
    expect(JSON.parse(flat.entries[0]?.object ?? '{}')).toHaveProperty('route');
  });

  it('a script without screen headers gets a line per call, still in words', async () => {
    expect((await call('/api/summary?method=romance&from=2026-11-01&to=2026-11-30', null, 'inspector')).status).toBe(200);
    const { views } = await admin<AuditViewList>('/api/audit/views?user=inspector');
    expect(views.map((v) => v.description)).toEqual(['Viewed the headline figures: romance fraud, Nov 2026']);
  });
});

describe('who opened HC/26/44019?', () => {
  it('answers by reference (any case) with the list page, the detail opened and the export that carried it; not with others', async () => {
    const view = { id: 'view-incidents-0001', screen: '/incidents' };
    const list = (await (await call(`/api/incidents?${OCT}`, view)).json()) as IncidentList;
    const id = list.incidents.find((i) => i.reference === 'HC/26/44019')?.id;
    expect((await call(`/api/incidents/${id}`, view)).status).toBe(200);
    expect((await call('/api/incidents.csv?method=courier', null)).status).toBe(200);
    // Someone else looks only at November's romance fraud: not an answer.
    expect((await call('/api/incidents?method=romance', { id: 'view-incidents-0002', screen: '/incidents' }, 'inspector')).status).toBe(
      200,
    );

    const { views } = await admin<AuditViewList>('/api/audit/views?reference=hc/26/44019');
    expect(views.map((v) => [v.user, v.action, v.description])).toEqual([
      ['analyst', 'disclosure', 'Downloaded the incident list as a CSV file (2 rows): courier fraud'],
      ['analyst', 'consultation', 'Viewed the incident list: courier fraud, Watford, Oct 2026; opened HC/26/44019'],
    ]);
    expect(views[1]?.references).toEqual(['HC/26/44019', 'HC/26/44020']);
    const flat = await admin<AuditList>('/api/audit?reference=HC/26/44019');
    expect(flat.entries.map((e) => JSON.parse(e.object).route)).toEqual([
      'GET /api/incidents.csv',
      'GET /api/incidents/:id',
      'GET /api/incidents',
    ]);
    expect(flat.entries.every((e) => e.user === 'analyst')).toBe(true);
    expect(verifyAuditStore(t.path).ok).toBe(true);
  });
});

describe('what is not a disclosure', () => {
  it('HEAD of the CSV and Excel exports sends no rows and records nothing', async () => {
    const disclosed = async () => (await admin<AuditList>('/api/audit?action=disclosure')).total;
    const before = await disclosed();
    for (const path of ['/api/incidents.csv', '/api/incidents.xlsx']) {
      const res = await call(path, null, 'admin', 'HEAD');
      expect(res.status).toBe(200);
    }
    const head = await server.fetch('/api/incidents.csv', { as: 'analyst', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(await disclosed()).toBe(before);
  });
});
