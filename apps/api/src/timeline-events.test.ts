import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BodyOf, FilterQuery, Role, TimelineEvent } from '@scam/shared';
import { refused, type Refused } from './test-support/api-client.js';
import { createRepos } from './db/repos/index.js';
import { createTestDb, startTestServer, type TestDb, type TestServer } from './test-support/test-db.js';

let t: TestDb;
let server: TestServer;

beforeAll(async () => {
  t = createTestDb({ today: '2026-11-23' });
  server = await startTestServer(t.deps);
});
afterAll(async () => {
  await server.close();
  t.close();
});
beforeEach(() => {
  t.db.prepare('DELETE FROM timeline_events').run();
});

const add = (body: BodyOf<'timelineEvents', 'POST'> | Refused, as: Role = 'analyst') => server.api.post('timelineEvents', { as, body });
const remove = (id: number, as: Role) => server.api.delete('timelineEvent', { params: { id }, as });

async function list(query: FilterQuery = {}, as: Role = 'viewer'): Promise<TimelineEvent[]> {
  const res = await server.api.get('timelineEvents', { query, as });
  expect(res.status).toBe(200);
  return res.body.events;
}

async function alterations(): Promise<Record<string, unknown>[]> {
  const res = await server.api.get('audit', { query: { action: 'alteration', limit: 500 } });
  return res.body.entries.map((e) => ({ user: e.user, ...(JSON.parse(e.object) as Record<string, unknown>) }));
}

describe('adding and listing events', () => {
  it('an analyst adds an event; everyone who sees the charts sees it within the filter period', async () => {
    const created = await add({ day: '2026-10-05', kind: 'arrest', title: '  Two arrested in Watford  ' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      day: '2026-10-05',
      kind: 'arrest',
      title: 'Two arrested in Watford',
      method: null,
      district: null,
      createdBy: 'analyst',
      automatic: false,
    });
    await add({ day: '2026-11-20', kind: 'media_coverage', title: 'BBC Three Counties piece' });
    await add({ day: '2026-09-01', kind: 'other', title: 'Bank branch talk' });

    expect((await list({ from: '2026-10-01', to: '2026-10-31' })).map((e) => e.title)).toEqual(['Two arrested in Watford']);
    // Earliest first, and an open period shows them all.
    expect((await list({}, 'importer')).map((e) => e.day)).toEqual(['2026-09-01', '2026-10-05', '2026-11-20']);
    expect((await list({ from: '2026-10-05', to: '2026-10-05' })).map((e) => e.day)).toEqual(['2026-10-05']);
    expect(await list({ from: '2026-10-06', to: '2026-11-19' })).toEqual([]);
    const audit = (await alterations()).filter((e) => e.op === 'add_timeline_event');
    expect(audit).toHaveLength(3);
    expect(audit.find((e) => e.timelineEvent === created.body.id)).toMatchObject({ user: 'analyst', kind: 'arrest' });
  });

  it('shows an event scoped to a method or district only with filters that include it', async () => {
    await add({ day: '2026-10-05', kind: 'arrest', title: 'Courier gang arrest', method: 'courier', district: 'Watford' });
    await add({ day: '2026-10-06', kind: 'media_coverage', title: 'HMRC warning', method: 'hmrc' });
    await add({ day: '2026-10-07', kind: 'other', title: 'Force-wide leaflet drop' });
    const titles = async (q: FilterQuery) => (await list(q)).map((e) => e.title);
    expect(await titles({})).toEqual(['Courier gang arrest', 'HMRC warning', 'Force-wide leaflet drop']);
    expect(await titles({ method: 'courier' })).toEqual(['Courier gang arrest', 'Force-wide leaflet drop']);
    expect(await titles({ method: 'hmrc,romance' })).toEqual(['HMRC warning', 'Force-wide leaflet drop']);
    expect(await titles({ district: 'St Albans' })).toEqual(['HMRC warning', 'Force-wide leaflet drop']);
    expect(await titles({ district: 'Watford', method: 'courier' })).toEqual(['Courier gang arrest', 'Force-wide leaflet drop']);
    const [scoped] = await list({ method: 'courier' });
    expect(scoped).toMatchObject({ method: 'courier', district: 'Watford' });
    expect(scoped?.districtCode).toMatch(/^E0/);
  });

  it('lets inspectors and admins add, and refuses viewers and importers with 403', async () => {
    expect((await add({ day: '2026-10-05', kind: 'arrest', title: 'By inspector' }, 'inspector')).status).toBe(201);
    expect((await add({ day: '2026-10-05', kind: 'arrest', title: 'By admin' }, 'admin')).status).toBe(201);
    const before = t.fingerprint();
    for (const role of ['viewer', 'importer'] as const) {
      const res = await add({ day: '2026-10-05', kind: 'arrest', title: `By ${role}` }, role);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(t.fingerprint()).toBe(before);
  });

  it.each([
    ['a date that does not exist', { day: '2026-02-30', kind: 'arrest', title: 'x' }, 'day'],
    ['a date in another format', { day: '05/10/2026', kind: 'arrest', title: 'x' }, 'day'],
    ['no date', { kind: 'arrest', title: 'x' }, 'day'],
    ['an unknown kind', { day: '2026-10-05', kind: 'raid', title: 'x' }, 'kind'],
    ['an empty title', { day: '2026-10-05', kind: 'arrest', title: '   ' }, 'title'],
    ['a title too long for a chart label', { day: '2026-10-05', kind: 'arrest', title: 'x'.repeat(121) }, 'title'],
    ['an unknown method', { day: '2026-10-05', kind: 'arrest', title: 'x', method: 'phishing' }, 'method'],
    ['an unknown district', { day: '2026-10-05', kind: 'arrest', title: 'x', district: 'Narnia' }, 'district'],
    ['a field it does not take', { day: '2026-10-05', kind: 'arrest', title: 'x', createdBy: 'someone else' }, ''],
  ])('answers 400 naming the field for %s, and stores nothing', async (_name, body, field) => {
    const before = t.fingerprint();
    const res = await add(refused(body));
    expect(res.status).toBe(400);
    const error = res.error;
    expect(error.code).toBe('bad_request');
    if (field) expect(error.issues?.map((i) => i.path)).toContain(field);
    expect(t.fingerprint()).toBe(before);
  });

  it('answers 400 for bad filters and a malformed id, 404 for an id with no event', async () => {
    const bad = await server.api.get('timelineEvents', { query: { from: '2026-11-01', to: '2026-10-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_filter' } });
    expect((await server.api.fetch('GET', 'timelineEvents', { query: { district: 'Narnia' } })).status).toBe(400);
    expect((await remove(Number.NaN, 'admin')).status).toBe(400);
    expect((await server.api.delete('timelineEvent', { params: refused({ id: '12abc' }) })).status).toBe(400);
    expect((await remove(999999, 'admin')).status).toBe(404);
  });
});

describe('deleting events', () => {
  it('only the author or an admin deletes an event, and each deletion is audited', async () => {
    const mine = (await add({ day: '2026-10-05', kind: 'arrest', title: 'Analyst event' })).body;
    const theirs = (await add({ day: '2026-10-06', kind: 'arrest', title: 'Inspector event' }, 'inspector')).body;

    const before = t.fingerprint();
    const refusal = await remove(mine.id, 'inspector');
    expect(refusal.status).toBe(403);
    expect(refusal.body).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('analyst') } });
    expect((await remove(mine.id, 'viewer')).status).toBe(403);
    expect(t.fingerprint()).toBe(before);

    expect((await remove(mine.id, 'analyst')).status).toBe(204);
    expect((await remove(theirs.id, 'admin')).status).toBe(204);
    expect(await list()).toEqual([]);
    expect((await remove(mine.id, 'analyst')).status).toBe(404);

    const deletions = (await alterations()).filter((e) => e.op === 'delete_timeline_event');
    expect(deletions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user: 'analyst', timelineEvent: mine.id, title: 'Analyst event', createdBy: 'analyst' }),
        expect.objectContaining({ user: 'admin', timelineEvent: theirs.id, title: 'Inspector event', createdBy: 'inspector' }),
      ]),
    );
    expect(deletions).toHaveLength(2);
  });
});

describe('an appeal exported', () => {
  const exportAppeal = (body: Partial<BodyOf<'appealExports', 'POST'>> & { title: string }) =>
    server.api.post('appealExports', { as: 'inspector', body: { format: 'print', warnings: 0, ...body } });

  it('marks "appeal published" on the export day with its title and method, once however often it is exported', async () => {
    const title = 'Police warn of courier fraud in St Albans';
    const first = await exportAppeal({ title, filters: { method: 'courier', district: 'St Albans', from: '2026-10-01' } });
    expect(first.status).toBe(201);
    expect((await exportAppeal({ title, format: 'text', filters: { method: 'courier', district: 'St Albans' } })).status).toBe(201);

    const events = await list({ from: '2026-11-23', to: '2026-11-23' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      day: '2026-11-23',
      kind: 'appeal_published',
      title,
      method: 'courier',
      district: 'St Albans',
      createdBy: 'inspector',
      automatic: true,
    });
    // Scoped to its method: a chart of another method does not show it.
    expect(await list({ method: 'hmrc' })).toEqual([]);
    // Its author (whoever exported it) may take it off the chart.
    expect((await remove(events[0]!.id, 'inspector')).status).toBe(204);
  });

  it("takes a saved series' method, and a long title is cut to fit a chart label", async () => {
    // Events need no incidents; the saved series is stored directly rather than through an import.
    const savedId = createRepos(t.db).series.create(
      {
        name: 'Courier pair',
        method: 'courier',
        status: 'ongoing',
        notes: '',
        detectedId: null,
        createdBy: 'analyst',
        incidents: ['EV/1'],
      },
      '2026-11-23T09:00:00.000Z',
    );
    const long = `Appeal ${'about the courier fraud series '.repeat(8)}`;
    expect((await exportAppeal({ title: long, seriesId: `saved:${savedId}` })).status).toBe(201);
    const [event] = await list();
    expect(event).toMatchObject({ kind: 'appeal_published', method: 'courier', district: null });
    expect(event?.title.length).toBe(120);
    expect(event?.title.endsWith('…')).toBe(true);
  });

  it('an appeal about a series no longer stored is still marked, for every method', async () => {
    expect((await exportAppeal({ title: 'Appeal for a series since replaced', seriesId: 'gone-series' })).status).toBe(201);
    expect(await list({ method: 'romance' })).toMatchObject([{ kind: 'appeal_published', method: null }]);
  });
});
