import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditList, AuditViewList, QueryOf } from '@scam/shared';
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

/** The headers the dashboard sends with every call made for one screen view. */
const forScreen = (view: { id: string; screen: string }): Record<string, string> => ({ 'X-View-Id': view.id, 'X-Screen': view.screen });

/** The readable trail (one line per screen view) and the flat list, as the administrator reads them. */
async function trail(query: QueryOf<'auditViews'>): Promise<AuditViewList> {
  const res = await server.api.get('auditViews', { query });
  expect(res.status).toBe(200);
  return res.body;
}
async function flat(query: QueryOf<'audit'>): Promise<AuditList> {
  const res = await server.api.get('audit', { query });
  expect(res.status).toBe(200);
  return res.body;
}

const OCT = { method: 'courier', district: 'Watford', from: '2026-10-01', to: '2026-10-31' };

describe('one line per screen view, in words', () => {
  it('the overview opened with filters reads as one line naming the screen, kind of scam, place and month, with its calls underneath', async () => {
    const view = { id: 'view-overview-0001', screen: '/' };
    const viewer = { as: 'viewer', headers: forScreen(view) } as const;
    const answers = [
      await server.api.get('summary', { query: OCT, ...viewer }),
      await server.api.get('timeseries', { query: { ...OCT, interval: 'month' }, ...viewer }),
      await server.api.get('places', { query: OCT, ...viewer }),
      await server.api.get('districts', { query: OCT, ...viewer }),
      await server.api.get('breakdowns', { query: OCT, ...viewer }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const { views } = await trail({ user: 'viewer' });
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
    const { entries } = await flat({ user: 'viewer' });
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({
      user: 'viewer',
      role: 'viewer',
      action: 'consultation',
      viewId: 'view-overview-0001',
      screen: '/',
    });
    expect(JSON.parse(entries[0]?.object ?? '{}')).toHaveProperty('route');
  });

  it('a script without screen headers gets a line per call, still in words', async () => {
    const res = await server.api.get('summary', { query: { method: 'romance', from: '2026-11-01', to: '2026-11-30' }, as: 'inspector' });
    expect(res.status).toBe(200);
    const { views } = await trail({ user: 'inspector' });
    expect(views.map((v) => v.description)).toEqual(['Viewed the headline figures: romance fraud, Nov 2026']);
  });
});

describe('who opened HC/26/44019?', () => {
  it('answers by reference (any case) with the list page, the detail opened and the export that carried it; not with others', async () => {
    const analyst = { as: 'analyst', headers: forScreen({ id: 'view-incidents-0001', screen: '/incidents' }) } as const;
    const list = (await server.api.get('incidents', { query: OCT, ...analyst })).body;
    const id = list.incidents.find((i) => i.reference === 'HC/26/44019')?.id;
    expect((await server.api.get('incident', { params: { id: String(id) }, ...analyst })).status).toBe(200);
    expect((await server.api.get('incidentsCsv', { query: { method: 'courier' }, as: 'analyst' })).status).toBe(200);
    // Someone else looks only at November's romance fraud: not an answer.
    const other = forScreen({ id: 'view-incidents-0002', screen: '/incidents' });
    expect((await server.api.get('incidents', { query: { method: 'romance' }, as: 'inspector', headers: other })).status).toBe(200);

    const { views } = await trail({ reference: 'hc/26/44019' });
    expect(views.map((v) => [v.user, v.action, v.description])).toEqual([
      ['analyst', 'disclosure', 'Downloaded the incident list as a CSV file (2 rows): courier fraud'],
      ['analyst', 'consultation', 'Viewed the incident list: courier fraud, Watford, Oct 2026; opened HC/26/44019'],
    ]);
    expect(views[1]?.references).toEqual(['HC/26/44019', 'HC/26/44020']);
    const { entries } = await flat({ reference: 'HC/26/44019' });
    expect(entries.map((e) => JSON.parse(e.object).route)).toEqual([
      'GET /api/incidents.csv',
      'GET /api/incidents/:id',
      'GET /api/incidents',
    ]);
    expect(entries.every((e) => e.user === 'analyst')).toBe(true);
    expect(verifyAuditStore(t.path).ok).toBe(true);
  });
});

describe('what is not a disclosure', () => {
  it('HEAD of the CSV and Excel exports sends no rows and records nothing', async () => {
    const disclosed = async () => (await flat({ action: 'disclosure' })).total;
    const before = await disclosed();
    expect((await server.api.head('incidentsCsv')).status).toBe(200);
    expect((await server.api.head('incidentsXlsx')).status).toBe(200);
    const head = await server.api.head('incidentsCsv', { as: 'analyst' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(await disclosed()).toBe(before);
  });
});
