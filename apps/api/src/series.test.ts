import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refused } from './test-support/api-client.js';
import { createTestDb, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';
import { fixture } from './test-support/series-fixture.js';

let t: TestDb;
let server: TestServer;

let seriesRefs: string[];

beforeAll(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
  const f = fixture();
  seriesRefs = f.seriesRefs;
  const res = await upload(server.url, f.csv, { fileName: 'year-2019.csv' });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await server.close();
  t.close();
});

/** Saving series and drafting appeals are an inspector's here. */
const inspector = () => server.api.as('inspector');

describe('GET /api/series', () => {
  it('finds the April courier series with its members and areas', async () => {
    const { status, body } = await server.api.get('series', {
      query: { from: '2019-01-01', to: '2019-12-31', method: 'courier', replicates: 199 },
    });
    expect(status).toBe(200);
    const april = body.series.find((s) => s.method === 'courier' && s.first >= '2019-03-15' && s.last <= '2019-05-15' && s.count >= 15);
    expect(april).toBeDefined();
    const found = april?.incidents.filter((r) => seriesRefs.includes(r)).length ?? 0;
    expect(found / (april?.incidents.length ?? 1)).toBeGreaterThan(0.6);
    expect(found).toBeGreaterThanOrEqual(15);
    const names = april?.districts.map((d) => d.name) ?? [];
    expect(names.slice(0, 3)).toEqual(expect.arrayContaining(['St Albans']));
    expect(april?.explanation).toMatch(/courier/i);
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    for (const qs of [
      'method=phishing',
      'from=2019-05-01&to=2019-04-01',
      'from=2019-02-31',
      'to=2025-13-01',
      'district=Gotham',
      'outcome=bogus',
      'replicates=5',
    ]) {
      const res = await server.api.get('series', { query: Object.fromEntries(new URLSearchParams(qs)) });
      expect(res.status, qs).toBe(400);
      expect(res.error.message.length).toBeGreaterThan(0);
    }
  });

  it('takes the common filters: a district narrows what is scanned', async () => {
    const q = { from: '2019-01-01', to: '2019-12-31', method: 'courier', replicates: 199 };
    const all = (await server.api.get('series', { query: q })).body;
    const narrowed = (await server.api.get('series', { query: { ...q, district: 'St Albans' } })).body;
    // The April series is still found inside St Albans, and only its St Albans members are in it.
    expect(narrowed.series.length).toBeGreaterThan(0);
    const members = narrowed.series.flatMap((s) => s.incidents);
    expect(members.filter((r) => seriesRefs.includes(r)).length).toBeGreaterThan(0);
    const districtsOf = (refs: string[]) =>
      (
        t.db.prepare(`SELECT DISTINCT district FROM incidents WHERE reference IN (${refs.map(() => '?').join(',')})`).all(...refs) as {
          district: string;
        }[]
      ).map((r) => r.district);
    expect(districtsOf(members)).toEqual(['St Albans']);
    for (const s of narrowed.series) expect(s.districts.map((d) => d.name)).toEqual(['St Albans']);
    // Unfiltered, the same period's series reach beyond St Albans (so the filter did something).
    expect(districtsOf(all.series.flatMap((s) => s.incidents)).length).toBeGreaterThan(1);
  });
});

describe('saved series', () => {
  it('refuses to save the same detected series twice with 409, and keeps the first', async () => {
    const body = { name: 'Detected once', method: 'courier' as const, detectedId: 'det-409-test', incidents: seriesRefs.slice(0, 3) };
    expect((await inspector().post('savedSeriesList', { body })).status).toBe(201);
    const again = await inspector().post('savedSeriesList', { body: { ...body, name: 'Detected twice' } });
    expect(again.status).toBe(409);
    expect(again.error.message).toMatch(/already saved/);
    const names = (await server.api.get('savedSeriesList')).body.series.map((s) => s.name);
    expect(names).toContain('Detected once');
    expect(names).not.toContain('Detected twice');
  });

  it('confirms, renames, edits members and keeps notes', async () => {
    const created = await inspector().post('savedSeriesList', {
      body: {
        name: 'April courier series',
        method: 'courier',
        incidents: seriesRefs.slice(0, 10),
        notes: 'Linked by MO',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.incidents).toHaveLength(10);
    const res = await server.api.patch('savedSeries', {
      params: { id: created.body.id },
      body: { status: 'closed', addIncidents: seriesRefs.slice(10, 12), removeIncidents: seriesRefs.slice(0, 1) },
    });
    const updated = res.body;
    expect(updated.status).toBe('closed');
    expect(updated.incidents).toHaveLength(11);
    expect(updated.incidents).not.toContain(seriesRefs[0]);
    const list = (await server.api.get('savedSeriesList')).body;
    expect(list.series.map((s) => s.name)).toContain('April courier series');
  });

  it('refuses unknown references and names them', async () => {
    const res = await inspector().post('savedSeriesList', { body: { name: 'x', method: 'courier', incidents: ['NOPE/1'] } });
    expect(res.status).toBe(400);
    expect(res.error.message).toContain('NOPE/1');
  });
});

describe('POST /api/appeals/draft', () => {
  it('drafts from filters with the right count, date and areas, discloses nothing, and is audited', async () => {
    const { status, body } = await inspector().post('appealDraft', {
      body: { filters: { method: 'courier', from: '2019-04-01', to: '2019-04-29' } },
    });
    expect(status).toBe(200);
    const expected = (
      t.db
        .prepare("SELECT count(*) AS n FROM incidents WHERE method = 'courier' AND offence_date BETWEEN '2019-04-01' AND '2019-04-29'")
        .get() as { n: number }
    ).n;
    expect(body.figures.reports).toBe(expected);
    expect(body.body).toContain(`${expected} reports`);
    // The period is long past (today is 2026), so the drafter writes it as a closed period.
    expect(body.body).toMatch(/(Since 1 April|Between 1 and 29 April)( 2019)?/);
    expect(body.body).toContain('St Albans');
    for (const ref of seriesRefs) expect(body.body).not.toContain(ref);
    expect(body.body).not.toMatch(/\b\d{2}-year-old\b/);
    const trail = (await server.api.get('appealExports')).body;
    // Recorded under the signed-in user, whatever a client might claim.
    expect(trail.entries[0]).toMatchObject({ action: 'draft', actor: 'inspector' });
  });

  it('drafts for a saved series and records an export', async () => {
    const saved = await inspector().post('savedSeriesList', { body: { name: 'For appeal', method: 'courier', incidents: seriesRefs } });
    const draft = await inspector().post('appealDraft', { body: { seriesId: `saved:${saved.body.id}` } });
    expect(draft.status).toBe(200);
    expect(draft.body.figures.reports).toBe(30);
    const exp = await inspector().post('appealExports', {
      body: {
        title: draft.body.title,
        format: 'markdown',
        seriesId: `saved:${saved.body.id}`,
        warnings: draft.body.warnings.length,
      },
    });
    expect(exp.status).toBe(201);
  });

  it('answers 404 for an unknown series and 400 for an empty selection', async () => {
    expect((await inspector().post('appealDraft', { body: { seriesId: 'nope' } })).status).toBe(404);
    expect((await inspector().post('appealDraft', { body: { filters: { from: '2001-01-01', to: '2001-01-02' } } })).status).toBe(400);
    expect((await inspector().post('appealDraft', { body: { filters: { method: 'phishing' } } })).status).toBe(400);
    // A wrong shape names the field, not just "Invalid input".
    const listed = await inspector().post('appealDraft', {
      body: refused({ filters: { method: ['courier'] } }),
    });
    expect(listed.status).toBe(400);
    expect(listed.error.message).toMatch(/^invalid request: filters\.method: .*expected string/);
    expect(listed.error.issues?.map((i) => i.path)).toEqual(['filters.method']);
    const unknown = await inspector().post('appealDraft', { body: refused({ series: 'x' }) });
    expect(unknown.error.message).toMatch(/seriesId|series/);
  });
});
