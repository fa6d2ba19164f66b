import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../app.js';
import { systemActor } from '../../services/context.js';
import { openDatabase } from '../connection.js';
import { createTestDb, forceReturn, type TestDb } from '../../test-support/test-db.js';
import { dayOrder } from './fact-store.js';
import { importFile } from '../../services/import.service.js';

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

describe('FactStore (the read model)', () => {
  it('keeps incidents in (offence date, id) order, as SQL would', () => {
    t = createTestDb();
    const ctx = createContext(t.deps);
    importFile(ctx, {
      data: Buffer.from(
        forceReturn([
          row('A', '05/10/2023', 'Watford'),
          row('B', '02/10/2023', 'Hitchin'),
          row('C', '05/10/2023', 'Ware'),
          row('D', '01/10/2023', 'Tring'),
        ]),
      ),
      fileName: 'a.csv',
      dryRun: false,
      actor: systemActor('t'),
    });
    const f = ctx.facts.fresh();
    expect(f.references({})).toEqual(['D', 'B', 'A', 'C']);
    expect(f.dataRange()).toEqual({ first: '2023-10-01', last: '2023-10-05' });
  });

  it('catches up when another connection (the import CLI) changes the data, and only then', () => {
    t = createTestDb();
    const server = createContext(t.deps);
    expect(server.facts.fresh().size).toBe(0);
    const cli = openDatabase(t.path);
    try {
      importFile(createContext({ ...t.deps, db: cli }), {
        data: Buffer.from(forceReturn([row('X1', '03/10/2023', 'Watford')])),
        fileName: 'cli.csv',
        dryRun: false,
        actor: systemActor('cli'),
      });
    } finally {
      cli.close();
    }
    const f = server.facts.fresh();
    expect(f.size).toBe(1);
    const seen = f.metrics();
    expect(server.facts.fresh().metrics()).toEqual(seen);
  });
});

describe('dayOrder', () => {
  it('sorts by day and keeps the original order within a day', () => {
    const day = Int32Array.from([5, 2, 5, 1, 2, 9]);
    expect(Array.from(dayOrder(day, day.length))).toEqual([3, 1, 4, 0, 2, 5]);
    expect(Array.from(dayOrder(new Int32Array(0), 0))).toEqual([]);
  });
});
