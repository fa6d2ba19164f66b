import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../app.js';
import { systemActor } from '../../services/context.js';
import { openDatabase, type Db } from '../connection.js';
import { createTestDb, forceReturn, type TestDb } from '../../test-support/test-db.js';
import { dayOrder } from './snapshot.js';
import { importFile } from '../../services/import.service.js';
import type { ServiceContext } from '../../services/context.js';

let t: TestDb;
afterEach(() => t?.close());

const row = (ref: string, date: string, town: string): string[] => [
  ref,
  date,
  town,
  'Courier fraud (police impersonation)',
  '',
  '80',
  'Attempt, no loss',
  '',
];

/** Two on one day, in id order A, B, C, D; D with a loss and no age. */
const FOUR = [
  row('A', '05/10/2023', 'Watford'),
  row('B', '02/10/2023', 'Hitchin'),
  row('C', '05/10/2023', 'Ware'),
  ['D', '01/10/2023', 'Tring', 'Romance scam', '£1,250.50', '', 'Money lost', ''],
];

function load(ctx: ServiceContext, rows: string[][], fileName = 'a.csv'): void {
  importFile(ctx, { data: Buffer.from(forceReturn(rows)), fileName, dryRun: false, actor: systemActor('t') });
}

/** Another connection's import, as the import CLI makes it. */
function loadElsewhere(path: string, rows: string[][]): void {
  const cli = openDatabase(path);
  try {
    load(createContext({ ...t.deps, db: cli }), rows, 'cli.csv');
  } finally {
    cli.close();
  }
}

describe('the read model', () => {
  it('keeps incidents in (offence date, id) order, as SQL would', () => {
    t = createTestDb();
    const ctx = createContext(t.deps);
    load(ctx, FOUR);
    const f = ctx.facts.current();
    expect(f.references({})).toEqual(['D', 'B', 'A', 'C']);
    expect(f.dataRange()).toEqual({ first: '2023-10-01', last: '2023-10-05' });
  });

  it('catches up when another connection (the import CLI) changes the data, and only then', () => {
    t = createTestDb();
    const server = createContext(t.deps);
    expect(server.facts.current().size).toBe(0);
    loadElsewhere(t.path, [row('X1', '03/10/2023', 'Watford')]);
    expect(server.facts.current().size).toBe(1);
    const seen = server.facts.metrics();
    server.facts.current();
    expect(server.facts.metrics()).toEqual(seen);
  });
});

/** Every incident as the read model decodes it, in its order, as plain values. */
function modelRecords(ctx: ServiceContext) {
  const f = ctx.facts.current();
  return Array.from({ length: f.size }, (_, i) => {
    const { place, district, ...rest } = f.record(i);
    return { ...rest, place: place && { name: place.name, lat: place.lat, lon: place.lon }, district: district && { ...district } };
  });
}

/** The same, straight from SQL. */
function sqlRecords(db: Db) {
  const rows = db
    .prepare(
      `SELECT id, reference, offence_date, method, outcome, age_band, victim_age, impersonated, channel, place, lat, lon,
              district_code, district, county, place_match, loss_pence, caller_number, payee_account
         FROM incidents ORDER BY offence_date, id`,
    )
    .all() as Record<string, string | number | null>[];
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    offenceDate: r.offence_date,
    method: r.method,
    outcome: r.outcome,
    ageBand: r.age_band,
    age: r.victim_age,
    impersonated: r.impersonated,
    channel: r.channel,
    place: { name: r.place, lat: r.lat, lon: r.lon },
    district: { code: r.district_code, name: r.district, county: r.county },
    placeMatch: r.place_match,
    lossPence: r.loss_pence,
    callerNumber: r.caller_number,
    payeeAccount: r.payee_account,
  }));
}

describe('the columns (columns.ts)', () => {
  it('read every field back as stored, after a whole load and after changes merged in from another connection', () => {
    t = createTestDb();
    const ctx = createContext(t.deps);
    load(ctx, FOUR);
    // What the return above leaves at its defaults, varied before the first load.
    t.db.exec(`UPDATE incidents SET caller_number = '+44 7700 900' || id, payee_account = '20-00-00 1234567' || (id % 2),
                 impersonated = CASE id % 3 WHEN 0 THEN 'bank' WHEN 1 THEN 'hmrc' ELSE 'unknown' END,
                 channel = CASE id % 2 WHEN 0 THEN 'crypto' ELSE 'cash' END WHERE reference <> 'B'`);
    expect(modelRecords(ctx)).toEqual(sqlRecords(t.db));
    expect(modelRecords(ctx).map((r) => [r.reference, r.age, r.callerNumber])).toContainEqual(['D', null, '+44 7700 9004']);

    const cli = openDatabase(t.path);
    try {
      cli.exec(`UPDATE incidents SET offence_date = '2023-09-30', victim_age = NULL, caller_number = NULL, channel = 'vouchers',
                  impersonated = 'police', loss_pence = 99, outcome = 'lost', method = 'hmrc' WHERE reference = 'C'`);
      cli.exec(`UPDATE incidents SET place = 'Elsewhere', lat = 51.5, lon = -0.5, district_code = 'E99999999', district = 'New district',
                  county = 'New county', place_match = 'national', payee_account = 'GB00 TEST' WHERE reference = 'A'`);
      cli.exec(`UPDATE incidents SET place_match = 'district' WHERE reference = 'D'`);
    } finally {
      cli.close();
    }
    expect(modelRecords(ctx)).toEqual(sqlRecords(t.db));
    expect(modelRecords(ctx).map((r) => r.reference)).toEqual(['C', 'D', 'B', 'A']);
    expect(ctx.facts.metrics()).toMatchObject({ fullLoads: 1, incrementalApplies: 1 });
  });

  it("every read catches up by itself: aggregates and pages see another connection's change without anyone asking", async () => {
    t = createTestDb();
    const ctx = createContext(t.deps);
    expect((await ctx.facts.aggregate({})).outcomeReports.reduce((a, b) => a + b, 0)).toBe(0);
    loadElsewhere(t.path, [row('X1', '03/10/2023', 'Watford'), row('X2', '04/10/2023', 'Ware')]);
    expect((await ctx.facts.aggregate({})).outcomeReports.reduce((a, b) => a + b, 0)).toBe(2);
    const ids = t.db.prepare('SELECT id FROM incidents ORDER BY offence_date DESC, id DESC').pluck().all();
    expect(await ctx.facts.page({}, { sort: 'offenceDate', order: 'desc', offset: 0, limit: 10 })).toEqual({ ids, total: 2 });
    expect(ctx.facts.metrics()).toMatchObject({ fullLoads: 1, incrementalApplies: 1 });
  });
});

describe('dayOrder', () => {
  it('sorts by day and keeps the original order within a day', () => {
    const day = Int32Array.from([5, 2, 5, 1, 2, 9]);
    expect(Array.from(dayOrder(day, day.length))).toEqual([3, 1, 4, 0, 2, 5]);
    expect(Array.from(dayOrder(new Int32Array(0), 0))).toEqual([]);
  });
});
