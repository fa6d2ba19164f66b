import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealDraft, Role, SavedSeries, SeriesList } from '@scam/shared';
import { createTestDb, getJson, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';
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

async function post<T>(path: string, body: unknown, as: Role = 'inspector'): Promise<{ status: number; body: T }> {
  const res = await server.fetch(path, { method: 'POST', as, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

describe('GET /api/series', () => {
  it('finds the April courier series with its members and areas', async () => {
    const { status, body } = await getJson<SeriesList>(
      server.url,
      '/api/series?from=2019-01-01&to=2019-12-31&method=courier&replicates=199',
    );
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
      const res = await server.fetch(`/api/series?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
    }
  });

  it('takes the common filters: a district narrows what is scanned', async () => {
    const q = '/api/series?from=2019-01-01&to=2019-12-31&method=courier&replicates=199';
    const all = (await getJson<SeriesList>(server.url, q)).body;
    const narrowed = (await getJson<SeriesList>(server.url, `${q}&district=St Albans`)).body;
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
    const body = { name: 'Detected once', method: 'courier', detectedId: 'det-409-test', incidents: seriesRefs.slice(0, 3) };
    expect((await post<SavedSeries>('/api/saved-series', body)).status).toBe(201);
    const again = await post<{ error: { code: string; message: string } }>('/api/saved-series', { ...body, name: 'Detected twice' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already saved/);
    const names = (await getJson<{ series: SavedSeries[] }>(server.url, '/api/saved-series')).body.series.map((s) => s.name);
    expect(names).toContain('Detected once');
    expect(names).not.toContain('Detected twice');
  });

  it('confirms, renames, edits members and keeps notes', async () => {
    const created = await post<SavedSeries>('/api/saved-series', {
      name: 'April courier series',
      method: 'courier',
      incidents: seriesRefs.slice(0, 10),
      notes: 'Linked by MO',
    });
    expect(created.status).toBe(201);
    expect(created.body.incidents).toHaveLength(10);
    const res = await server.fetch(`/api/saved-series/${created.body.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'closed', addIncidents: seriesRefs.slice(10, 12), removeIncidents: [seriesRefs[0]] }),
    });
    const updated = (await res.json()) as SavedSeries;
    expect(updated.status).toBe('closed');
    expect(updated.incidents).toHaveLength(11);
    expect(updated.incidents).not.toContain(seriesRefs[0]);
    const list = (await getJson<{ series: SavedSeries[] }>(server.url, '/api/saved-series')).body;
    expect(list.series.map((s) => s.name)).toContain('April courier series');
  });

  it('refuses unknown references and names them', async () => {
    const res = await post<{ error: { message: string } }>('/api/saved-series', { name: 'x', method: 'courier', incidents: ['NOPE/1'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('NOPE/1');
  });
});

describe('POST /api/appeals/draft', () => {
  it('drafts from filters with the right count, date and areas, discloses nothing, and is audited', async () => {
    const { status, body } = await post<AppealDraft>(
      '/api/appeals/draft',
      { filters: { method: 'courier', from: '2019-04-01', to: '2019-04-29' } },
      'inspector',
    );
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
    const trail = (await getJson<{ entries: { action: string; actor: string }[] }>(server.url, '/api/appeals/exports')).body;
    // Recorded under the signed-in user, whatever a client might claim.
    expect(trail.entries[0]).toMatchObject({ action: 'draft', actor: 'inspector' });
  });

  it('drafts for a saved series and records an export', async () => {
    const saved = await post<SavedSeries>('/api/saved-series', { name: 'For appeal', method: 'courier', incidents: seriesRefs });
    const draft = await post<AppealDraft>('/api/appeals/draft', { seriesId: `saved:${saved.body.id}` });
    expect(draft.status).toBe(200);
    expect(draft.body.figures.reports).toBe(30);
    const exp = await post<{ id: number }>('/api/appeals/exports', {
      title: draft.body.title,
      format: 'markdown',
      seriesId: `saved:${saved.body.id}`,
      warnings: draft.body.warnings.length,
    });
    expect(exp.status).toBe(201);
  });

  it('answers 404 for an unknown series and 400 for an empty selection', async () => {
    expect((await post('/api/appeals/draft', { seriesId: 'nope' })).status).toBe(404);
    expect((await post('/api/appeals/draft', { filters: { from: '2001-01-01', to: '2001-01-02' } })).status).toBe(400);
    expect((await post('/api/appeals/draft', { filters: { method: 'phishing' } })).status).toBe(400);
    // A wrong shape names the field, not just "Invalid input".
    const listed = await post<{ error: { message: string; issues: { path: string }[] } }>('/api/appeals/draft', {
      filters: { method: ['courier'] },
    });
    expect(listed.status).toBe(400);
    expect(listed.body.error.message).toMatch(/^invalid request: filters\.method: .*expected string/);
    expect(listed.body.error.issues.map((i) => i.path)).toEqual(['filters.method']);
    const unknown = await post<{ error: { message: string } }>('/api/appeals/draft', { series: 'x' });
    expect(unknown.body.error.message).toMatch(/seriesId|series/);
  });
});
