import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '@scam/shared';
import { createContext } from '../../app.js';
import { systemActor, type ServiceContext } from '../../services/context.js';
import { eraseImport, importFile, rollbackImport } from '../../services/import.service.js';
import { openDatabase, type Db } from '../connection.js';
import type { ResolvedFilters } from '../../domain/filters.js';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from '../../test-support/test-db.js';

let t: TestDb;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  t?.close();
});

/** Places in the force area, two districts named as towns (placed at their centres) and two places outside it. */
const TOWNS = ['Watford', 'St Albans', 'Stevenage', 'Hertsmere', 'Hitchin', 'Luton', 'Ware', 'Tring', 'Dacorum', 'Catford'];
const METHOD_WORDS = ['Courier fraud (police impersonation)', 'Romance scam', 'Investment fraud', 'HMRC tax scam'];
const OUTCOME_WORDS = ['Money lost', 'Attempt, no loss', 'Prevented by bank'];

/** Varied reports: every method, outcome and several towns, losses and dates in late 2023. */
function reports(prefix: string, n: number, shift = 0): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const k = i + shift;
    const outcome = OUTCOME_WORDS[k % 3] as string;
    const loss = outcome === 'Money lost' ? `£${(k * 37) % 900},00`.replace(',', '.') : '';
    return [
      `${prefix}/${i}`,
      `${String(1 + ((k * 7) % 28)).padStart(2, '0')}/${10 + (k % 3)}/2023`,
      TOWNS[(k * 5) % TOWNS.length] as string,
      METHOD_WORDS[k % METHOD_WORDS.length] as string,
      loss,
      String(20 + (k % 70)),
      outcome,
      '',
    ];
  });
}

function load(ctx: ServiceContext, rows: string[][], fileName: string): ImportResult {
  return importFile(ctx, { data: Buffer.from(forceReturn(rows)), fileName, dryRun: false, actor: systemActor('test') });
}

/** The filter combinations checked, each beside the same question in plain SQL. */
function combos(db: Db): { name: string; filters: ResolvedFilters; where: string; params: unknown[] }[] {
  const watford = (db.prepare("SELECT district_code FROM incidents WHERE place = 'Watford' LIMIT 1").pluck().get() as string) ?? 'none';
  return [
    { name: 'everything', filters: {}, where: '1', params: [] },
    { name: 'method', filters: { methods: ['romance', 'courier'] }, where: "method IN ('romance', 'courier')", params: [] },
    { name: 'district', filters: { districtCodes: [watford] }, where: 'district_code = ?', params: [watford] },
    {
      name: 'date range',
      filters: { from: '2023-10-10', to: '2023-11-20' },
      where: "offence_date BETWEEN '2023-10-10' AND '2023-11-20'",
      params: [],
    },
    { name: 'outcome', filters: { outcomes: ['lost'] }, where: "outcome = 'lost'", params: [] },
    { name: 'outside the force area', filters: { placeMatches: ['national'] }, where: "place_match = 'national'", params: [] },
    {
      name: 'inside the force area, by place or district',
      filters: { placeMatches: ['force', 'district'] },
      where: "place_match IN ('force', 'district')",
      params: [],
    },
    {
      name: 'loss range',
      filters: { minLossPence: 10_000, maxLossPence: 50_000 },
      where: 'loss_pence BETWEEN 10000 AND 50000',
      params: [],
    },
    {
      name: 'method + district + dates + outcome + loss',
      filters: {
        methods: ['courier', 'hmrc'],
        districtCodes: [watford],
        from: '2023-10-01',
        to: '2023-12-31',
        outcomes: ['lost', 'attempted'],
        placeMatches: ['force'],
        minLossPence: 0,
        maxLossPence: 80_000,
      },
      where:
        "method IN ('courier', 'hmrc') AND district_code = ? AND offence_date BETWEEN '2023-10-01' AND '2023-12-31' AND outcome IN ('lost', 'attempted') AND place_match = 'force' AND loss_pence BETWEEN 0 AND 80000",
      params: [watford],
    },
  ];
}

/** The read model, asked through its query methods, against a direct SQL count and sum per combination. */
function expectEqualToSql(ctx: ServiceContext, db: Db): void {
  const facts = ctx.facts.current();
  for (const c of combos(db)) {
    const sql = db
      .prepare(`SELECT count(*) AS n, coalesce(sum(loss_pence), 0) AS loss FROM incidents WHERE ${c.where}`)
      .get(...c.params) as {
      n: number;
      loss: number;
    };
    const a = facts.aggregate(c.filters, { byDistrict: true });
    expect({ combo: c.name, n: facts.count(c.filters), loss: a.outcomeLoss.reduce((s, v) => s + v, 0) }).toEqual({
      combo: c.name,
      n: sql.n,
      loss: sql.loss,
    });
    const byDistrict = Object.fromEntries(
      db
        .prepare(`SELECT district_code, count(*) FROM incidents WHERE ${c.where} GROUP BY district_code`)
        .raw()
        .all(...c.params) as [string, number][],
    );
    const fromModel = Object.fromEntries([...a.districtReports].map(([d, n]) => [facts.districtEntry(d)?.code, n]));
    expect(fromModel, c.name).toEqual(byDistrict);
  }
  // The same order SQL gives, so pages and detection read what they would have read from SQL.
  const ordered = db.prepare('SELECT reference FROM incidents ORDER BY offence_date, id').pluck().all();
  expect(facts.references({})).toEqual(ordered);
  const page = db.prepare('SELECT id FROM incidents ORDER BY offence_date DESC, id DESC LIMIT 5 OFFSET 3').pluck().all();
  expect(facts.page({}, { sort: 'offenceDate', order: 'desc', offset: 3, limit: 5 }).ids).toEqual(page);
  expect(facts.version).toBe(db.prepare('SELECT version FROM data_version').pluck().get());
}

describe('the read model keeps up with the database', () => {
  it('stays equal to SQL through imports, a re-sent reference, a rollback, an erasure and another process, applying only the changes', () => {
    t = createTestDb();
    const ctx = createContext(t.deps);
    expect(ctx.facts.current().size).toBe(0);
    expect(ctx.facts.metrics()).toMatchObject({ fullLoads: 1, incrementalApplies: 0 });

    load(ctx, reports('HC/A', 120), 'a.csv');
    expectEqualToSql(ctx, t.db);
    expect(ctx.facts.metrics()).toMatchObject({ fullLoads: 1, incrementalApplies: 1, rowsApplied: 120 });

    // A re-sent reference with a new date, method, outcome and loss: an update, moved in date order.
    const b = load(ctx, [...reports('HC/A', 3, 7), ...reports('HC/B', 40, 3)], 'b.csv');
    expect(b.counts.updated).toBe(3);
    expectEqualToSql(ctx, t.db);

    rollbackImport(ctx, b.batchId as number, systemActor('test'));
    expectEqualToSql(ctx, t.db);
    eraseImport(ctx, b.batchId as number, systemActor('test'));
    expectEqualToSql(ctx, t.db);

    // The command-line importer and a hand-typed statement, on their own connection.
    const cli = openDatabase(t.path);
    try {
      load(createContext({ ...t.deps, db: cli }), reports('HC/CLI', 30, 11), 'cli.csv');
      expectEqualToSql(ctx, t.db);
      cli.exec("UPDATE incidents SET offence_date = '2023-12-30', outcome = 'lost', loss_pence = 12345 WHERE reference = 'HC/A/5'");
      cli.exec("UPDATE incidents SET method = 'hmrc' WHERE reference LIKE 'HC/CLI/1%'");
      cli.exec("UPDATE incidents SET place_match = 'district' WHERE reference LIKE 'HC/CLI/2%' AND place_match = 'force'");
      expectEqualToSql(ctx, t.db);
    } finally {
      cli.close();
    }
    // Not one whole reload after the first: every change was applied from the change log.
    // (a, b, the rollback, the CLI import, the two statements at once; the erasure touched no incident)
    expect(ctx.facts.metrics()).toMatchObject({ fullLoads: 1, incrementalApplies: 5 });
  });

  it('answers with one single-row read when nothing changed, and reloads whole when the change log no longer covers the gap', () => {
    t = createTestDb();
    const ctx = createContext(t.deps);
    load(ctx, reports('HC/A', 50), 'a.csv');
    ctx.facts.current();
    const before = ctx.facts.metrics();
    ctx.facts.current();
    expect(ctx.facts.metrics()).toEqual(before);

    const cli = openDatabase(t.path);
    try {
      load(createContext({ ...t.deps, db: cli }), reports('HC/CLI', 10), 'cli.csv');
      // As if pruned: the log starts after the version the read model holds.
      cli.exec('DELETE FROM incident_changes');
    } finally {
      cli.close();
    }
    expectEqualToSql(ctx, t.db);
    expect(ctx.facts.metrics()).toMatchObject({ fullLoads: before.fullLoads + 1, incrementalApplies: before.incrementalApplies });
  });

  it('a rollback changes /api/summary', async () => {
    t = createTestDb();
    server = await startTestServer(t.deps);
    const summary = async () => (await server!.api.get('summary')).body;
    expect((await upload(server.url, forceReturn(reports('HC/A', 60)), { fileName: 'a.csv' })).status).toBe(201);
    const w2 = await upload(server.url, forceReturn([...reports('HC/A', 5, 2), ...reports('HC/B', 25, 1)]), { fileName: 'b.csv' });
    expect(w2.status).toBe(201);
    const after = await summary();
    expect(after.reports).toBe(85);
    const batchId = w2.body.batchId;
    expect((await server.api.fetch('POST', 'importRollback', { params: { id: Number(batchId) } })).status).toBe(200);
    const rolledBack = await summary();
    const sql = t.db.prepare('SELECT count(*) AS reports, sum(loss_pence) AS lossPence FROM incidents').get();
    expect(rolledBack).toMatchObject(sql as object);
    expect(rolledBack.reports).toBe(60);
  });
});
