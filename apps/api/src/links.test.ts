import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerNumberKey, payeeAccountKey, type FilterQuery, type IncidentList, type QueryOf } from '@scam/shared';
import type { Answer } from './test-support/api-client.js';
import { createTestDb, startTestServer, type TestDb, type TestServer } from './test-support/test-db.js';

const HEADER = 'Reference,Date,Town,Method,Loss (£),Outcome,Caller Number,Payee Account';
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
/** Eight reports: one number used three times in three layouts, one account twice in two layouts, one
 * wallet twice in two cases; the rest share nothing (a number used once, withheld numbers). */
const ROWS = [
  ['L/1', '03/03/2025', 'Watford', 'Bank impersonation', '£1200', 'Money lost', '07700 900111', '20-00-00 12345678'],
  ['L/2', '05/03/2025', 'Watford', 'Bank impersonation', '£800', 'Money lost', '+44 7700 900111', '200000 12345678'],
  ['L/3', '07/03/2025', 'Stevenage', 'Bank impersonation', '', 'Attempt, no loss', '07700900111', ''],
  ['L/4', '09/03/2025', 'Hitchin', 'Investment scam', '£5000', 'Money lost', '', WALLET],
  ['L/5', '01/04/2025', 'Hitchin', 'Investment scam', '£3000', 'Money lost', '(020) 7946-0222', WALLET.toUpperCase()],
  ['L/6', '02/04/2025', 'Ware', 'Courier fraud', '', 'Attempt, no loss', '0044 20 7946 0333', ''],
  ['L/7', '03/04/2025', 'Ware', 'HMRC impersonation', '', 'Attempt, no loss', 'Withheld', ''],
  ['L/8', '04/04/2025', 'Ware', 'HMRC impersonation', '', 'Attempt, no loss', 'withheld', ''],
];
const ALL = ROWS.map((r) => r[0]).join(',');

let t: TestDb;
let server: TestServer;
let batchId: number;

async function upload(csv: string): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'return.csv');
  const res = await server.api.post('imports', { body: form });
  expect(res.status).toBe(201);
  return Number(res.body.batchId);
}

/** The calls of this file are an analyst's (who may list incidents) unless they say otherwise. */
const analyst = () => server.api.as('analyst');

/** The body of a call that must succeed. */
async function ok<T>(answer: Promise<Answer<T>>): Promise<Answer<T>['body']> {
  const res = await answer;
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const refs = (list: IncidentList) => list.incidents.map((i) => i.reference).sort();
const search = async (identifier: string, extra: FilterQuery = {}) =>
  refs(await ok(analyst().get('incidents', { query: { identifier, ...extra } })));
const links = (query: QueryOf<'links'>) => ok(analyst().get('links', { query }));

beforeAll(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
  const cell = (c: string) => (c.includes(',') ? `"${c}"` : c);
  batchId = await upload(`${[HEADER, ...ROWS.map((r) => r.map(cell).join(','))].join('\r\n')}\r\n`);
});
afterAll(async () => {
  await server.close();
  t.close();
});

/** The incident page's one search box: references, towns, caller numbers and accounts, in `q`. */
describe('GET /api/incidents?q=', () => {
  const find = async (q: string) => refs(await ok(analyst().get('incidents', { query: { q, limit: 500 } })));

  it('finds a caller number or payee account typed in any layout, as the identifier search does', async () => {
    expect(await find('+44 7700 900-111')).toEqual(['L/1', 'L/2', 'L/3']);
    expect(await find('sort code 200000 account 12345678')).toEqual(['L/1', 'L/2']);
    expect(await find(WALLET.toUpperCase())).toEqual(['L/4', 'L/5']);
  });

  it('still finds references by their start and towns by any part, and nothing for an unknown number', async () => {
    expect(await find('L/7')).toEqual(['L/7']);
    expect(await find('itchi')).toEqual(['L/4', 'L/5']);
    expect(await find('07700 900999')).toEqual([]);
  });
});

describe('payee accounts in the store', () => {
  it('stores a sort code and account in one layout, carries it on the wire and in the CSV export', async () => {
    const detail = await ok(analyst().get('incident', { params: { id: 'L/2' } }));
    expect(detail.incident).toMatchObject({ callerNumber: '+44 7700 900111', payeeAccount: '20-00-00 12345678' });
    expect((await ok(analyst().get('incident', { params: { id: 'L/3' } }))).incident.payeeAccount).toBeNull();
    const list = await ok(analyst().get('incidents', { query: { method: 'investment', sort: 'reference', order: 'asc' } }));
    expect(list.incidents.map((i) => i.payeeAccount)).toEqual([WALLET, WALLET.toUpperCase()]);
    const csv = await (await server.api.fetch('GET', 'incidentsCsv', { query: { method: 'bank_impersonation' }, as: 'analyst' })).text();
    expect(csv.split('\r\n')[0]).toContain('Caller number,Payee account,Summary');
    expect(csv).toContain('20-00-00 12345678');
  });

  it('derives the same comparison keys in SQLite as the shared functions do', () => {
    const stored = t.db.prepare('SELECT caller_number, caller_key, payee_account, payee_key FROM incidents').all() as {
      caller_number: string | null;
      caller_key: string | null;
      payee_account: string | null;
      payee_key: string | null;
    }[];
    expect(stored).toHaveLength(ROWS.length);
    for (const row of stored) {
      expect(row.caller_key, row.caller_number ?? 'null').toBe(callerNumberKey(row.caller_number));
      expect(row.payee_key, row.payee_account ?? 'null').toBe(payeeAccountKey(row.payee_account));
    }
  });

  it('keeps the payee account in the history, and a rollback puts the earlier one back', async () => {
    const second = await upload(`${HEADER}\r\nL/4,09/03/2025,Hitchin,Investment scam,£5000,Money lost,,40-47-84 70872490\r\n`);
    const changed = await ok(analyst().get('incident', { params: { id: 'L/4' } }));
    expect(changed.incident.payeeAccount).toBe('40-47-84 70872490');
    expect(changed.history.at(-1)?.changes).toEqual({ payee_account: [WALLET, '40-47-84 70872490'] });
    expect((await server.api.fetch('POST', 'importRollback', { params: { id: second } })).status).toBe(200);
    expect((await ok(analyst().get('incident', { params: { id: 'L/4' } }))).incident.payeeAccount).toBe(WALLET);
    expect(batchId).toBeLessThan(second);
  });
});

describe('GET /api/incidents?identifier=', () => {
  it('finds a caller number however it was typed, by its digits', async () => {
    expect(await search('07700900111')).toEqual(['L/1', 'L/2', 'L/3']);
    expect(await search('+44 7700 900-111')).toEqual(['L/1', 'L/2', 'L/3']);
    expect(await search('020 7946 0222')).toEqual(['L/5']);
    expect(await search('+44 20 7946 0333')).toEqual(['L/6']);
  });

  it('finds a payee account in any layout, and a wallet whatever its case', async () => {
    expect(await search('20-00-00 12345678')).toEqual(['L/1', 'L/2']);
    expect(await search('sort code 200000 account 12345678')).toEqual(['L/1', 'L/2']);
    expect(await search(WALLET.toUpperCase())).toEqual(['L/4', 'L/5']);
    expect(await search('07700 900999')).toEqual([]);
  });

  it('combines with the filters and counts only what matches', async () => {
    expect(await search('07700900111', { from: '2025-03-04' })).toEqual(['L/2', 'L/3']);
    const list = await ok(analyst().get('incidents', { query: { identifier: '07700900111', outcome: 'lost' } }));
    expect(list.total).toBe(2);
  });

  it.each([['Watford'], ['12345'], ['=HYPERLINK("x")'], ['']])('refuses %j with a 400 naming the parameter', async (identifier) => {
    const res = await analyst().get('incidents', { query: { identifier } });
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('bad_request');
    expect(res.error.issues?.[0]?.path).toBe('identifier');
  });

  it('is refused to roles without the incident list, and recorded as a consultation for those with it', async () => {
    for (const role of ['viewer', 'importer'] as const) {
      expect((await server.api.fetch('GET', 'incidents', { query: { identifier: '07700900111' }, as: role })).status).toBe(403);
    }
    await search('07700900111');
    const audit = await ok(server.api.get('audit', { query: { action: 'consultation', user: 'analyst', limit: 500 } }));
    const entry = audit.entries.map((e) => JSON.parse(e.object) as { route: string; query?: Record<string, string> });
    expect(entry.some((o) => o.route === 'GET /api/incidents' && o.query?.identifier === '07700900111')).toBe(true);
  });
});

describe('GET /api/links', () => {
  it('ties the reports that share a number or an account, with counts, and leaves out what ties nothing', async () => {
    const net = await links({ references: ALL });
    expect(net.reports).toBe(8);
    expect(net.ties.map((t) => [t.kind, t.value, t.count, t.incidents])).toEqual([
      ['number', '07700 900111', 3, ['L/1', 'L/2', 'L/3']],
      ['account', '20-00-00 12345678', 2, ['L/1', 'L/2']],
      ['account', WALLET, 2, ['L/4', 'L/5']],
    ]);
    const byId = new Map(net.nodes.map((n) => [n.id, n]));
    expect(net.nodes.filter((n) => n.kind === 'incident').map((n) => n.label)).toEqual(['L/1', 'L/2', 'L/3', 'L/4', 'L/5']);
    expect(byId.get('incident:L/1')?.count).toBe(2);
    expect(byId.get('incident:L/3')?.count).toBe(1);
    expect(byId.get(net.ties[0]?.id ?? '')).toMatchObject({ kind: 'number', label: '07700 900111', count: 3 });
    expect(net.edges).toHaveLength(7);
    expect(net.edges).toContainEqual({ from: net.ties[2]?.id, to: 'incident:L/5' });
    expect(net.incidents[0]).toEqual({
      reference: 'L/1',
      offenceDate: '2025-03-03',
      place: 'Watford',
      district: 'Watford',
      method: 'bank_impersonation',
      outcome: 'lost',
      lossPence: 120_000,
    });
    expect(net).toMatchObject({ notFound: [], truncated: false });
  });

  it('looks only at the references given, narrowed by the filters, and names references it does not hold', async () => {
    const some = await links({ references: 'L/1,L/3,L/6,NOPE/1' });
    expect(some.reports).toBe(3);
    expect(some.ties.map((t) => t.incidents)).toEqual([['L/1', 'L/3']]);
    expect(some.notFound).toEqual(['NOPE/1']);
    const narrowed = await links({ references: ALL, from: '2025-03-04' });
    expect(narrowed.ties.map((t) => [t.kind, t.incidents])).toEqual([
      ['number', ['L/2', 'L/3']],
      ['account', ['L/4', 'L/5']],
    ]);
  });

  it('takes the dashboard filters alone', async () => {
    const net = await links({ method: 'investment' });
    expect(net.reports).toBe(2);
    expect(net.ties.map((t) => [t.kind, t.count])).toEqual([['account', 2]]);
    const none = await links({ method: 'hmrc' });
    expect(none).toMatchObject({ reports: 2, ties: [], nodes: [], edges: [] });
  });

  it.each([
    ['no reference', { references: '' }, 'bad_request'],
    ['501 references', { references: Array.from({ length: 501 }, (_, i) => `R${i}`).join(',') }, 'bad_request'],
    ['a reference over 100 characters', { references: 'x'.repeat(101) }, 'bad_request'],
    ['an unknown method', { method: 'carrier-pigeon' }, 'invalid_filter'],
  ])('refuses %s with a 400', async (_what, query, code) => {
    const res = await analyst().get('links', { query });
    expect(res.status).toBe(400);
    expect(res.error.code).toBe(code);
  });

  it('is refused to viewers and importers, and recorded as a consultation of the reports it shows', async () => {
    for (const role of ['viewer', 'importer'] as const) {
      const res = await server.api.get('links', { query: { references: ALL }, as: role });
      expect(res.status).toBe(403);
      expect(res.error.code).toBe('forbidden');
    }
    await links({ references: ALL });
    const audit = await ok(server.api.get('audit', { query: { action: 'consultation', user: 'analyst', limit: 500 } }));
    const entry = audit.entries.find((e) => (JSON.parse(e.object) as { route: string }).route === 'GET /api/links');
    expect(entry?.rows).toBe(5);
  });
});
