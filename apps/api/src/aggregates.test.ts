import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextBucket, type IncidentSort } from '@scam/shared';
import { createTestDb, samplePath, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

interface Row {
  reference: string;
  offence_date: string;
  method: string;
  district: string;
  district_code: string;
  place: string;
  outcome: string;
  age_band: string;
  loss_pence: number;
}

let t: TestDb;
let server: TestServer;
let pooled: TestServer;
let rows: Row[];

beforeAll(async () => {
  t = createTestDb();
  server = await startTestServer(t.deps);
  const dir = dirname(samplePath('x'));
  for (const f of readdirSync(dir).sort()) {
    const res = await upload(server.url, readFileSync(`${dir}/${f}`), { fileName: f });
    expect(res.status).toBe(201);
  }
  pooled = await startTestServer({ ...t.deps, jobs: 'worker', queryWorkersFrom: 0 });
  rows = t.db
    .prepare('SELECT reference, offence_date, method, district, district_code, place, outcome, age_band, loss_pence FROM incidents')
    .all() as Row[];
  // Three weekly returns (90), the national extract (60) and the record-system export (10).
  expect(rows.length).toBe(160);
});
afterAll(async () => {
  await pooled.close();
  await server.close();
  t.close();
});

/** The filter semantics written out again, independently of the SQL builder, as the oracle. */
function matching(q: Record<string, string>): Row[] {
  const list = (k: string) => (q[k] ? q[k].split(',') : null);
  return rows.filter(
    (r) =>
      (!q.from || r.offence_date >= q.from) &&
      (!q.to || r.offence_date <= q.to) &&
      (!list('method') || list('method')?.includes(r.method)) &&
      (!list('district') || list('district')?.includes(r.district)) &&
      (!list('place') || list('place')?.includes(r.place)) &&
      (!list('outcome') || list('outcome')?.includes(r.outcome)) &&
      (!list('ageBand') || list('ageBand')?.includes(r.age_band)) &&
      (!q.minLoss || r.loss_pence >= Number(q.minLoss) * 100) &&
      (!q.maxLoss || r.loss_pence <= Number(q.maxLoss) * 100),
  );
}

const sum = (rs: Row[]) => rs.reduce((s, r) => s + r.loss_pence, 0);

const combos: Record<string, string>[] = [
  {},
  { method: 'courier' },
  { district: 'St Albans,Watford,Hertsmere' },
  { from: '2023-10-05', to: '2023-10-14' },
  { outcome: 'lost', minLoss: '1000' },
  { method: 'courier,hmrc,bank_impersonation', ageBand: '70-79,80-89,90+' },
  { place: 'Hitchin,Royston', maxLoss: '0' },
  { from: '2023-10-01', to: '2023-10-31', method: 'tech_support', district: 'Three Rivers,Dacorum,East Hertfordshire' },
];

// The same oracle for the aggregates answered on the request thread and on the query workers (which a
// store this small only uses when told to: queryWorkersFrom 0).
describe.each([
  ['on the request thread', () => server],
  ['on the query workers', () => pooled],
] as const)('answered %s', (_where, target) => {
  describe.each(combos)('aggregate routes agree with a direct count for %o', (q) => {
    const expected = () => matching(q);

    it('/api/summary', async () => {
      const { body } = await target().api.get('summary', { query: q });
      const e = expected();
      expect(body.reports).toBe(e.length);
      expect(body.lossPence).toBe(sum(e));
      expect(body.lost).toBe(e.filter((r) => r.outcome === 'lost').length);
      expect(body.attempted).toBe(e.filter((r) => r.outcome === 'attempted').length);
      expect(body.prevented).toBe(e.filter((r) => r.outcome === 'prevented').length);
      expect(body.aged70Plus).toBe(e.filter((r) => ['70-79', '80-89', '90+'].includes(r.age_band)).length);
    });

    it('/api/timeseries (day, week and month buckets add up)', async () => {
      for (const interval of ['day', 'week', 'month'] as const) {
        const { body } = await target().api.get('timeseries', { query: { interval, ...q } });
        expect(body.buckets.reduce((s, b) => s + b.reports, 0)).toBe(expected().length);
        expect(body.buckets.reduce((s, b) => s + b.lossPence, 0)).toBe(sum(expected()));
        for (const b of body.buckets) {
          const byMethod = Object.values(b.byMethod).reduce((s, v) => s + (v?.reports ?? 0), 0);
          const byOutcome = Object.values(b.byOutcome).reduce((s, v) => s + (v?.reports ?? 0), 0);
          expect(byMethod).toBe(b.reports);
          expect(byOutcome).toBe(b.reports);
        }
      }
      // Each bucket holds exactly the reports dated within it (its start up to the next bucket's).
      for (const interval of ['day', 'week', 'month'] as const) {
        const { body } = await target().api.get('timeseries', { query: { interval, ...q } });
        for (const b of body.buckets) {
          const end = nextBucket(b.start, interval);
          const inside = expected().filter((r) => r.offence_date >= b.start && r.offence_date < end);
          expect({ interval, start: b.start, reports: b.reports, lossPence: b.lossPence }).toEqual({
            interval,
            start: b.start,
            reports: inside.length,
            lossPence: sum(inside),
          });
        }
      }
      const weekly = (await target().api.get('timeseries', { query: { interval: 'week', ...q } })).body;
      for (const b of weekly.buckets) expect(new Date(`${b.start}T00:00:00Z`).getUTCDay()).toBe(1);
    });

    it('/api/places gives one row per place with its count', async () => {
      const { body } = await target().api.get('places', { query: q });
      const e = expected();
      const byPlace = new Map<string, number>();
      for (const r of e) byPlace.set(r.place, (byPlace.get(r.place) ?? 0) + 1);
      expect(new Set(body.places.map((p) => p.name)).size).toBe(body.places.length);
      expect(Object.fromEntries(body.places.map((p) => [p.name, p.reports]))).toEqual(Object.fromEntries(byPlace));
      for (const p of body.places) {
        expect(p.lossPence).toBe(sum(e.filter((r) => r.place === p.name)));
        expect(p.methods.reduce((s, m) => s + m.reports, 0)).toBe(p.reports);
      }
    });

    it('/api/districts and /api/breakdowns', async () => {
      const e = expected();
      const { body } = await target().api.get('districts', { query: q });
      const byDistrict = new Map<string, number>();
      for (const r of e) byDistrict.set(r.district_code, (byDistrict.get(r.district_code) ?? 0) + 1);
      expect(Object.fromEntries(body.districts.map((d) => [d.code, d.reports]))).toEqual(Object.fromEntries(byDistrict));
      const b = (await target().api.get('breakdowns', { query: q })).body;
      for (const m of b.byMethod) expect(m.reports).toBe(e.filter((r) => r.method === m.method).length);
      for (const a of b.byAgeBand) expect(a.reports).toBe(e.filter((r) => r.age_band === a.ageBand).length);
    });

    it('/api/incidents total and paging', async () => {
      const { body } = await target().api.get('incidents', { query: { limit: 7, sort: 'lossPence', order: 'desc', ...q } });
      const e = expected();
      expect(body.total).toBe(e.length);
      expect(body.incidents.length).toBe(Math.min(7, e.length));
      expect(body.truncated).toBe(e.length > 7);
      const losses = body.incidents.map((i) => i.lossPence);
      expect(losses).toEqual([...losses].sort((a, b) => b - a));
    });
  });
});

describe('filter validation', () => {
  it.each([
    ['method=phishing', /phishing/],
    ['district=Gotham', /Gotham/],
    ['place=Atlantis', /Atlantis/],
    ['ageBand=ancient', /ancient/],
    ['from=2023-13-01', /date/],
    ['from=2023-10-10&to=2023-10-01', /from/],
    ['minLoss=-5', /minLoss/],
  ])('%s is a 400 naming the bad value', async (qs, message) => {
    const res = await server.api.get('summary', { query: Object.fromEntries(new URLSearchParams(qs)) });
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('invalid_filter');
    expect(res.error.message).toMatch(message);
  });

  it('accepts district codes as well as names', async () => {
    const byName = (await server.api.get('summary', { query: { district: 'Watford' } })).body;
    const byCode = (await server.api.get('summary', { query: { district: 'E07000103' } })).body;
    expect(byCode.reports).toBe(byName.reports);
    expect(byName.reports).toBe(rows.filter((r) => r.district === 'Watford').length);
  });

  it('compares with the previous period of the same length', async () => {
    const { body } = await server.api.get('summary', { query: { from: '2023-10-16', to: '2023-10-22' } });
    expect(body.previous).toMatchObject({ from: '2023-10-09', to: '2023-10-15' });
    expect(body.previous?.reports).toBe(matching({ from: '2023-10-09', to: '2023-10-15' }).length);
  });

  it('compares a "since" view (no end date) up to the latest data, over the days both periods have data for', async () => {
    const dates = rows.map((r) => r.offence_date).sort();
    const [first, last] = [dates[0] as string, dates.at(-1) as string];
    const { body } = await server.api.get('summary', { query: { from: '2023-10-20' } });
    const day = (iso: string) => Date.parse(iso) / 86_400_000;
    const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
    const days = day(last) - day('2023-10-20') + 1;
    const prevFrom = iso(day('2023-10-19') - (days - 1));
    // The period before starts before the first report: its first days, and the same days of this
    // period, are left out of the comparison.
    expect(prevFrom < first).toBe(true);
    const skipped = day(first) - day(prevFrom);
    expect(body.previous).toMatchObject({ from: first, to: '2023-10-19', reports: matching({ from: first, to: '2023-10-19' }).length });
    const comparedFrom = iso(day('2023-10-20') + skipped);
    expect(body.compared).toMatchObject({ from: comparedFrom, to: last, reports: matching({ from: comparedFrom, to: last }).length });
    expect(body.coverage).toMatchObject({ latestData: last, days, coveredDays: days, daysPastData: 0, comparedDays: days - skipped });
  });
});

describe('CSV export', () => {
  it('exports exactly the filtered set, with a BOM and neutralised formula cells', async () => {
    const res = await server.api.fetch('GET', 'incidentsCsv', { query: { method: 'courier' } });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(lines.length - 1).toBe(matching({ method: 'courier' }).length);
  });
});

describe('incident paging and sorting', () => {
  const columns: Record<Exclude<IncidentSort, 'reportDate'>, string> = {
    offenceDate: 'offence_date',
    lossPence: 'loss_pence',
    age: 'victim_age',
    place: 'place',
    district: 'district',
    method: 'method',
    outcome: 'outcome',
    reference: 'reference',
  };
  it.each((Object.keys(columns) as (keyof typeof columns)[]).flatMap((sort) => [[sort, 'asc'] as const, [sort, 'desc'] as const]))(
    'sort=%s order=%s pages exactly like ORDER BY … NULLS LAST, id',
    async (sort, order) => {
      const dir = order === 'asc' ? 'ASC' : 'DESC';
      const expected = (
        t.db
          .prepare(
            `SELECT reference FROM incidents WHERE method IN ('courier','hmrc','other','tech_support') ORDER BY ${columns[sort]} ${dir} NULLS LAST, id ${dir}`,
          )
          .all() as { reference: string }[]
      ).map((r) => r.reference);
      const got: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 13) {
        const { body } = await server.api.get('incidents', {
          query: { method: 'courier,hmrc,other,tech_support', sort, order, limit: 13, offset },
        });
        got.push(...body.incidents.map((i) => i.reference));
      }
      expect(got).toEqual(expected);
    },
  );

  it('searches by reference prefix or town', async () => {
    const { body } = await server.api.get('incidents', { query: { q: 'HC/23/41' } });
    expect(body.total).toBe(rows.filter((r) => r.reference.startsWith('HC/23/41')).length);
    const town = await server.api.get('incidents', { query: { q: 'hitchin' } });
    expect(town.body.total).toBe(rows.filter((r) => r.place === 'Hitchin').length);
  });
});
