import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedSeries, SavedSeriesDetail, SeriesAssessment, SeriesDetail, SeriesList } from '@scam/shared';
import { inlineRunner, type Runner } from './services/runner.js';
import { fixture } from './test-support/series-fixture.js';
import { createTestDb, forceReturn, getJson, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

/**
 * A confirmed series holds still: its frozen assessment survives every later detection run, import and
 * rollback; a re-assessment appends and never rewrites; detection's cache is keyed by the data version
 * its input was read at.
 */

let t: TestDb;
let server: TestServer;
let seriesRefs: string[];

const PERIOD = 'from=2019-01-01&to=2019-12-31&method=courier&replicates=199';

beforeAll(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
  const f = fixture();
  seriesRefs = f.seriesRefs;
  expect((await upload(server.url, f.csv, { fileName: 'year-2019.csv' })).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  t.close();
});

async function send<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await server.fetch(path, {
    method,
    as: 'analyst',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as T };
}

const saved = async (id: number) => (await getJson<SavedSeriesDetail>(server.url, `/api/saved-series/${id}`)).body;

/** The April series as detection finds it over 2019 (the largest courier series in April). */
async function aprilSeries(query = PERIOD): Promise<SeriesList['series'][number]> {
  const list = (await getJson<SeriesList>(server.url, `/api/series?${query}`)).body;
  const april = list.series
    .filter((s) => s.method === 'courier' && s.first <= '2019-04-30' && s.last >= '2019-04-01')
    .sort((a, b) => b.count - a.count)[0];
  expect(april, `no April series in ${query}`).toBeDefined();
  return april!;
}

function extraReturn(prefix: string): string {
  // Courier reports in the same weeks and towns as the April series: a later run finds a larger series.
  const rows = Array.from({ length: 8 }, (_, i) => [
    `${prefix}/${i}`,
    `${String(3 + i * 3).padStart(2, '0')}/04/2019`,
    ['St Albans', 'Watford', 'Borehamwood', 'Potters Bar'][i % 4]!,
    'Courier fraud (police impersonation)',
    '£1,500.00',
    '81',
    'Money lost',
    'Asked to withdraw cash for a courier',
  ]);
  return forceReturn(rows);
}

describe('a confirmed series holds still', () => {
  let id: number;
  let first: SeriesAssessment;
  let confirmedFrom: SeriesList['series'][number];

  it('confirming a detected series freezes its figures, members, data version and question', async () => {
    confirmedFrom = await aprilSeries();
    const detail = (await getJson<SeriesDetail>(server.url, `/api/series/${encodeURIComponent(confirmedFrom.id)}`)).body;
    const created = await send<SavedSeries>('POST', '/api/saved-series', {
      name: 'Op Falcon',
      method: 'courier',
      detectedId: confirmedFrom.id,
      incidents: confirmedFrom.incidents,
      notes: 'Caller number on every report',
      seenUpdatedAt: detail.found.updatedAt,
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    const s = await saved(id);
    expect(s.assessments).toHaveLength(1);
    first = s.assessments[0]!;
    expect(first).toMatchObject({
      seq: 1,
      kind: 'confirmed',
      by: 'analyst',
      detectedId: confirmedFrom.id,
      observed: confirmedFrom.count,
      expected: confirmedFrom.expected,
      pValue: confirmedFrom.pValue,
      relativeRisk: confirmedFrom.relativeRisk,
      reports: confirmedFrom.incidents.length,
      lossPence: confirmedFrom.lossPence,
    });
    expect(first.members).toEqual(confirmedFrom.incidents);
    expect(first.dataVersion).toBe(t.db.prepare('SELECT version FROM data_version').pluck().get());
    expect(first.question?.settings).toMatchObject({ replicates: 199, mode: 'retrospective' });
    expect(first.question?.filters).toMatchObject({ from: '2019-01-01', to: '2019-12-31', methods: ['courier'] });
    // Every member has its evidence: none is "not assessed".
    expect(first.evidence.map((e) => e.reference).sort()).toEqual([...confirmedFrom.incidents].sort());
    expect(s.newerEvidence).toBeNull();
    expect(s.unassessed).toEqual({ added: [], removed: [] });
  });

  it('survives detection over other periods and seeds, a new import and its rollback', async () => {
    // Other periods and seeds: the detected series the analyst confirmed from is overwritten by each run.
    await aprilSeries('from=2019-03-01&to=2019-05-31&method=courier&replicates=99&seed=7');
    await aprilSeries('from=2019-04-01&to=2019-04-30&replicates=99&seed=3');
    await aprilSeries(`${PERIOD}&seed=11`);
    expect((await saved(id)).assessments).toEqual([first]);

    // A new import that makes the series larger: detection now finds more members.
    const imported = await upload(server.url, extraReturn('HC/19/X'), { fileName: 'late-april.csv' });
    expect(imported.status).toBe(201);
    const grown = await aprilSeries(`${PERIOD}&seed=2`);
    expect(grown.incidents.some((r) => r.startsWith('HC/19/X/'))).toBe(true);
    const afterImport = await saved(id);
    expect(afterImport.assessments).toEqual([first]);
    // The page is told, and waits: newer evidence, with the members it would bring in.
    expect(afterImport.newerEvidence).not.toBeNull();
    expect(afterImport.newerEvidence!.membersIn.some((r) => r.startsWith('HC/19/X/'))).toBe(true);

    const rolled = await server.fetch(`/api/imports/${String(imported.body.batchId)}/rollback`, { method: 'POST' });
    expect(rolled.status).toBe(200);
    await aprilSeries(`${PERIOD}&seed=5`);
    expect((await saved(id)).assessments).toEqual([first]);
  });

  it('a re-assessment appends the next one by the signed-in user, takes in members added by hand, and rewrites nothing', async () => {
    // A report added by hand (one of the fixture's series reports the detection left out, or any courier report).
    const outsider = seriesRefs.find((r) => !first.members.includes(r)) ?? 'BG/100/0';
    expect((await send('PATCH', `/api/saved-series/${id}`, { addIncidents: [outsider] })).status).toBe(200);
    const before = await saved(id);
    expect(before.unassessed.added).toEqual([outsider]);
    expect(before.assessments).toEqual([first]);

    const res = await send<SeriesAssessment>('POST', `/api/saved-series/${id}/assessments`, { note: 'late returns in' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ seq: 2, kind: 'reassessed', by: 'analyst', note: 'late returns in' });
    expect(res.body.members).toContain(outsider);
    expect(res.body.evidence.map((e) => e.reference)).toContain(outsider);
    expect(res.body.observed).not.toBeNull();
    expect(res.body.question?.settings).toMatchObject({ replicates: 199 });

    const after = await saved(id);
    expect(after.assessments).toHaveLength(2);
    expect(after.assessments[0]).toEqual(first);
    expect(after.assessments[1]).toEqual(res.body);
    expect(after.unassessed).toEqual({ added: [], removed: [] });

    // A third appends again; the first two stay exactly as they were.
    const third = await send<SeriesAssessment>('POST', `/api/saved-series/${id}/assessments`, {});
    expect(third.body.seq).toBe(3);
    const all = (await saved(id)).assessments;
    expect(all.slice(0, 2)).toEqual([first, res.body]);

    // Recorded in the audit trail under the analyst.
    const audit = t.db
      .prepare("SELECT user_name AS actor, action FROM audit_log WHERE object_json LIKE '%reassess_series%' ORDER BY id")
      .all() as { actor: string; action: string }[];
    expect(audit).toEqual([
      { actor: 'analyst', action: 'alteration' },
      { actor: 'analyst', action: 'alteration' },
    ]);
  });

  it('the store refuses to change or delete an assessment; deleting the series (audited) takes them with it', async () => {
    expect(() => t.db.prepare('UPDATE series_assessments SET observed = 99 WHERE series_id = ?').run(id)).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM series_assessments WHERE series_id = ?').run(id)).toThrow(/append-only/);
    expect((await saved(id)).assessments[0]).toEqual(first);
    // Erasure's one permitted change: members and evidence, marked redacted; never a figure with it.
    expect(() =>
      t.db.prepare("UPDATE series_assessments SET observed = 1, redacted_at = 'now' WHERE series_id = ? AND seq = 1").run(id),
    ).toThrow(/append-only/);
    t.db.prepare("UPDATE series_assessments SET members_json = '[]', redacted_at = 'now' WHERE series_id = ? AND seq = 1").run(id);
    expect((await saved(id)).assessments[0]).toMatchObject({ members: [], observed: first.observed, redactedAt: 'now' });
    expect((await send('DELETE', `/api/saved-series/${id}`)).status).toBe(204);
    expect(t.db.prepare('SELECT count(*) FROM series_assessments WHERE series_id = ?').pluck().get(id)).toBe(0);
  });

  it('refuses a confirmation of a detected series changed by a run after it was opened (409)', async () => {
    const s = await aprilSeries();
    const res = await send<{ error: { message: string } }>('POST', '/api/saved-series', {
      name: 'Stale view',
      method: 'courier',
      detectedId: s.id,
      incidents: s.incidents,
      seenUpdatedAt: '2001-01-01T00:00:00.000Z',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/changed by a detection run/);
    expect((await getJson<{ series: SavedSeries[] }>(server.url, '/api/saved-series')).body.series.map((x) => x.name)).not.toContain(
      'Stale view',
    );
  });

  it('a series put together by hand has no scan figures, and its re-assessment finds the detected one', async () => {
    const created = await send<SavedSeries>('POST', '/api/saved-series', {
      name: 'By hand',
      method: 'courier',
      incidents: seriesRefs.slice(0, 6),
    });
    expect(created.status).toBe(201);
    const [a] = (await saved(created.body.id)).assessments;
    expect(a).toMatchObject({ seq: 1, kind: 'confirmed', detectedId: null, observed: null, expected: null, pValue: null, reports: 6 });
    expect(a!.evidence).toHaveLength(6);
    const re = await send<SeriesAssessment>('POST', `/api/saved-series/${created.body.id}/assessments`, {});
    expect(re.status).toBe(201);
    expect(re.body.detectedId).not.toBeNull();
    expect(re.body.pValue).not.toBeNull();
    expect(re.body.reports).toBe(6);
  });

  it('answers 404 for an unknown saved series and 400 for a bad body', async () => {
    expect((await send('POST', '/api/saved-series/99999/assessments', {})).status).toBe(404);
    expect((await send('POST', `/api/saved-series/1/assessments`, { note: 5 })).status).toBe(400);
    expect((await send('POST', `/api/saved-series/1/assessments`, { other: 'x' })).status).toBe(400);
  });
});

describe('the detection cache', () => {
  it('keys a result by the data version its input was read at: an import committed during a scan gets a fresh run', async () => {
    const db = createTestDb();
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const gate = new Promise<void>((ok) => (release = ok));
    const inScan = new Promise<void>((ok) => (entered = ok));
    let scans = 0;
    // The real detection, held at its end until the test has committed an import: the scan's input was
    // read before the import, its answer is filed after it.
    const gated = (...args: Parameters<typeof inlineRunner>): Runner => {
      const inline = inlineRunner(...args);
      return {
        ...inline,
        run: async (kind, request, signal) => {
          const result = await inline.run(kind, request, signal);
          if (kind !== 'detect') return result;
          scans++;
          if (scans === 1) {
            entered();
            await gate;
          }
          return result;
        },
      };
    };
    const s = await startTestServer(db.deps, { runner: gated });
    try {
      expect((await upload(s.url, fixture().csv, { fileName: 'year-2019.csv' })).status).toBe(201);
      const q = `/api/series?${PERIOD}`;
      const pending = getJson<SeriesList>(s.url, q);
      await inScan;
      expect((await upload(s.url, extraReturn('HC/19/R'), { fileName: 'during-scan.csv' })).status).toBe(201);
      const versionAfterImport = db.db.prepare('SELECT version FROM data_version').pluck().get() as number;
      release();
      const during = (await pending).body;
      expect(during.dataVersion).toBeLessThan(versionAfterImport);

      const after = (await getJson<SeriesList>(s.url, q)).body;
      // A second scan, on the data with the import: not the older answer filed under the new version.
      expect(scans).toBe(2);
      expect(after.dataVersion).toBe(versionAfterImport);
      expect(after.series.flatMap((x) => x.incidents).some((r) => r.startsWith('HC/19/R/'))).toBe(true);
      // And the same question again is answered from the cache.
      await getJson<SeriesList>(s.url, q);
      expect(scans).toBe(2);
    } finally {
      await s.close();
      db.close();
    }
  });
});
