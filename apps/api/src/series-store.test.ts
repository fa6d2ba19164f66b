/**
 * Detected series keep their identity: stored under a stable id, readable after a restart, and a
 * flagged series stays on the overview across unrelated imports until an analyst decides on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeriesAlerts } from '@scam/shared';
import { refused } from './test-support/api-client.js';
import { createContext } from './app.js';
import { watch } from './services/series.service.js';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

const TOWNS = [
  'Stevenage',
  'Hitchin',
  'Hemel Hempstead',
  'Hertford',
  'Ware',
  'Royston',
  'Hatfield',
  'Cheshunt',
  'Tring',
  'Harpenden',
  'Watford',
];
const METHODS = [
  'Courier fraud (police impersonation)',
  'HMRC impersonation',
  'Computer support scam (BT)',
  'Bank impersonation - safe account',
];

const ddmmyyyy = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;

/** Two years of background to 30 June 2020, and 14 courier reports in St Albans in its last ten days. */
function firstReturn(): { csv: string; burst: string[] } {
  let seed = 7;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const rows: string[][] = [];
  for (let day = 0; day < 730; day++) {
    const date = new Date(Date.UTC(2018, 6, 1 + day));
    if (rand() < 0.6) {
      rows.push([
        `BG/${day}`,
        ddmmyyyy(date),
        TOWNS[Math.floor(rand() * TOWNS.length)]!,
        METHODS[Math.floor(rand() * METHODS.length)]!,
        '',
        String(50 + Math.floor(rand() * 40)),
        'Attempt, no loss',
        'Withheld number',
      ]);
    }
  }
  const burst: string[] = [];
  for (let i = 0; i < 14; i++) {
    const ref = `HC/20/SA${i}`;
    burst.push(ref);
    rows.push([
      ref,
      ddmmyyyy(new Date(Date.UTC(2020, 5, 21 + (i % 10)))),
      'St Albans',
      METHODS[0]!,
      '',
      String(75 + i),
      'Attempt, no loss',
      'Caller said he was a detective',
    ]);
  }
  return { csv: forceReturn(rows), burst };
}

/** Three HMRC reports in October 2020, nowhere near the burst: the watch window moves past it. */
const unrelatedReturn = forceReturn(
  ['05', '12', '19'].map((d, i) => [`HC/20/OCT${i}`, `${d}/10/2020`, 'Royston', METHODS[1]!, '', '64', 'Attempt, no loss', 'Vouchers']),
);

let t: TestDb;
let server: TestServer;
let burst: string[];
let flaggedId: string;

async function alertsNow(): Promise<SeriesAlerts> {
  const res = await server.api.get('seriesAlerts', { as: 'analyst' });
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = createTestDb({ today: '2020-11-01' });
  server = await startTestServer(t.deps);
  const first = firstReturn();
  burst = first.burst;
  const res = await upload(server.url, first.csv);
  expect(res.status).toBe(201);
  watch(createContext(t.deps), 'import', res.body.batchId as number);
}, 120_000);

afterAll(async () => {
  await server.close();
  t.close();
});

describe('alerts wait for a decision', () => {
  it('flags the St Albans burst as new after the import', async () => {
    const a = await alertsNow();
    const hit = a.series.find((s) => burst.every((r) => s.incidents.includes(r)));
    expect(hit, JSON.stringify(a.series.map((s) => s.id))).toBeDefined();
    expect(hit!.trend).toBe('new');
    flaggedId = hit!.id;
  });

  it('keeps it flagged across an unrelated import whose watch run no longer sees it', async () => {
    const res = await upload(server.url, unrelatedReturn);
    expect(res.status).toBe(201);
    const rerun = watch(createContext(t.deps), 'import', res.body.batchId as number);
    // The new watch window (the twelve weeks to October) does not reach June: the run itself misses it…
    expect(rerun!.series.some((s) => s.id === flaggedId)).toBe(false);
    // …but nobody has decided on it, so it is still on the overview, still new.
    const a = await alertsNow();
    expect(a.series.find((s) => s.id === flaggedId)?.trend).toBe('new');
  });

  it('answers GET /api/series/:id with its members in one request, and 404 for an unknown id', async () => {
    const res = await server.api.get('seriesDetail', { params: { id: flaggedId }, as: 'analyst' });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.series.id).toBe(flaggedId);
    expect(d.members.map((m) => m.reference).sort()).toEqual([...d.series.incidents].sort());
    expect(d.found.by).toBe('system:watch');
    expect(d.alerted).toBe(true);
    expect((await server.api.fetch('GET', 'seriesDetail', { params: { id: 'courier-1999-01-01-nowhere' }, as: 'analyst' })).status).toBe(
      404,
    );
    expect((await server.api.fetch('GET', 'seriesDetail', { params: { id: flaggedId }, as: 'viewer' })).status).toBe(403);
  });

  it('still answers, and drafts an appeal from it, after a restart', async () => {
    await server.close();
    server = await startTestServer(t.deps);
    const res = await server.api.get('seriesDetail', { params: { id: flaggedId }, as: 'analyst' });
    expect(res.status).toBe(200);
    const draft = await server.api.post('appealDraft', { as: 'inspector', body: { seriesId: flaggedId } });
    expect(draft.status).toBe(200);
    const body = draft.body;
    expect(body.figures.reports).toBe(res.body.series.count);
  });

  it('is listed on the details of each of its members, and on no one else’s', async () => {
    const series = async (reference: string) => (await server.api.get('incident', { params: { id: reference }, as: 'analyst' })).body;
    const member = await series(burst[0]!);
    expect(member.series).toContainEqual(
      expect.objectContaining({ kind: 'detected', id: flaggedId, method: 'courier', count: burst.length, savedId: null }),
    );
    expect(member.series.find((s) => s.id === flaggedId && s.kind === 'detected')).toMatchObject({ districts: ['St Albans'] });
    expect(member.seriesTruncated).toBe(false);
    const other = await series('HC/20/OCT0');
    expect(other.series.some((s) => s.id === flaggedId)).toBe(false);
  });

  it('leaves the overview once an analyst confirms it, and shows steady on every screen', async () => {
    const d = (await server.api.get('seriesDetail', { params: { id: flaggedId }, as: 'analyst' })).body;
    const saved = await server.api.post('savedSeriesList', {
      as: 'analyst',
      body: { name: 'St Albans courier calls', method: 'courier', detectedId: flaggedId, incidents: d.series.incidents },
    });
    expect(saved.status).toBe(201);
    expect((await alertsNow()).series.some((s) => s.id === flaggedId)).toBe(false);
    const again = (await server.api.get('seriesDetail', { params: { id: flaggedId }, as: 'analyst' })).body;
    expect(again.series.trend).toBe('steady');
    expect(again.alerted).toBe(false);
    // The Series page's own run of the same weeks agrees: steady, and under the same id.
    const list = await server.api.get('series', {
      query: { from: '2020-06-01', to: '2020-06-30', method: 'courier', replicates: 199 },
      as: 'analyst',
    });
    const found = list.body.series.find((s) => burst.every((r) => s.incidents.includes(r)));
    expect(found?.id).toBe(flaggedId);
    expect(found?.trend).toBe('steady');
  });
});

describe('the series an incident belongs to', () => {
  const detail = async (reference: string) => (await server.api.get('incident', { params: { id: reference }, as: 'analyst' })).body;

  it('names the saved series a member is in, which stands for the detected series it was confirmed from', async () => {
    const d = await detail(burst[1]!);
    const saved = d.series.filter((s) => s.kind === 'saved');
    expect(saved).toEqual([
      expect.objectContaining({
        kind: 'saved',
        name: 'St Albans courier calls',
        method: 'courier',
        status: 'ongoing',
        members: burst.length,
      }),
    ]);
    expect(d.series.some((s) => s.kind === 'detected' && s.id === flaggedId)).toBe(false);
  });

  it('lists the detected series, and says it was saved, for a report taken out of the saved series', async () => {
    const savedId = (await detail(burst[2]!)).series.find((s) => s.kind === 'saved')!.id as number;
    const res = await server.api.patch('savedSeries', { params: { id: savedId }, body: { removeIncidents: [burst[2]!] }, as: 'analyst' });
    expect(res.status).toBe(200);
    const d = await detail(burst[2]!);
    expect(d.series.some((s) => s.kind === 'saved')).toBe(false);
    expect(d.series).toContainEqual(expect.objectContaining({ kind: 'detected', id: flaggedId, savedId }));
    // The others are still in it, and still see it by its name.
    expect((await detail(burst[3]!)).series[0]).toMatchObject({ kind: 'saved', id: savedId, members: burst.length - 1 });
  });
});

describe('detection settings', () => {
  it('refuses settings SaTScan would refuse, naming them', async () => {
    for (const q of ['minDays=30&maxDays=7', 'timeStep=3', 'maxShare=1.5', 'centres=everywhere', 'include=some']) {
      const res = await server.api.get('series', { query: refused(Object.fromEntries(new URLSearchParams(q))), as: 'analyst' });
      expect(res.status, q).toBe(400);
      expect(res.error.message, q).toMatch(/minDays|timeStep|time step|maxShare|centres|include/);
    }
  });

  it('reports clusters that are not significant only when asked, marked so', async () => {
    const base = { from: '2019-07-01', to: '2020-06-30', method: 'hmrc', replicates: 99 };
    const some = (await server.api.get('series', { query: base, as: 'analyst' })).body;
    expect(some.series.every((s) => s.significant)).toBe(true);
    const all = (await server.api.get('series', { query: { ...base, include: 'all' }, as: 'analyst' })).body;
    expect(all.series.some((s) => !s.significant)).toBe(true);
    for (const s of all.series.filter((x) => !x.significant)) {
      expect(s.pValue).toBeGreaterThan(0.05);
      expect(s.llr).toBeGreaterThan(0);
    }
  });
});
