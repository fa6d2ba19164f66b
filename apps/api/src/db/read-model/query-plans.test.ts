import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../app.js';
import { systemActor } from '../../services/context.js';
import { importFile } from '../../services/import.service.js';
import { createTestDb, forceReturn, type TestDb } from '../../test-support/test-db.js';

let t: TestDb;
afterEach(() => t?.close());

/**
 * Every statement the read side prepares, with SQLite's plan for it. The repos build some SQL at run
 * time, so the statements are caught as they are prepared rather than copied here (a copy would not
 * notice the repo changing).
 */
function preparedPlans(run: (ctx: ReturnType<typeof createContext>) => void): { sql: string; plan: string }[] {
  t = createTestDb();
  const seen = new Set<string>();
  const prepare = t.db.prepare.bind(t.db);
  t.db.prepare = ((source: string) => {
    seen.add(source);
    return prepare(source);
  }) as typeof t.db.prepare;
  run(createContext(t.deps));
  t.db.prepare = prepare;
  return [...seen]
    .filter((sql) => /^\s*SELECT/i.test(sql) && /\b(incidents|incident_changes|data_version)\b/.test(sql))
    .map((sql) => {
      const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], null]));
      const positional = [...sql.matchAll(/\?/g)].map(() => null);
      const args: unknown[] = Object.keys(named).length > 0 ? [...positional, named] : positional;
      const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' | ');
      return { sql: sql.replace(/\s+/g, ' '), plan };
    });
}

function planOf(plans: { sql: string; plan: string }[], pattern: RegExp): string {
  const found = plans.filter((p) => pattern.test(p.sql));
  expect(found.length, `a statement matching ${pattern}`).toBeGreaterThan(0);
  return found.map((p) => p.plan).join(' || ');
}

describe('query plans: the read side never falls back to a table scan silently', () => {
  it('reads changes, pages, references, identifiers and export pages through their keys', () => {
    const plans = preparedPlans((ctx) => {
      ctx.facts.current();
      importFile(ctx, {
        data: Buffer.from(forceReturn([['HC/1', '02/10/2023', 'Ware', 'Romance scam', '£40.00', '40', 'Money lost', '']])),
        fileName: 'a.csv',
        dryRun: false,
        actor: systemActor('t'),
      });
      ctx.facts.current();
      const row = ctx.repos.incidents.getByReference('HC/1');
      ctx.repos.incidents.byIds([1, 2]);
      ctx.repos.incidents.list(
        {},
        { sort: 'offenceDate', order: 'desc', limit: 10, offset: 0, identifier: { callerKey: '1', payeeKey: '2' } },
      );
      ctx.repos.incidents.exportPage({}, 'offenceDate', 'asc', null, 100);
      ctx.repos.incidents.exportPage({}, 'offenceDate', 'asc', row ?? null, 100);
      ctx.repos.incidents.exportPage({}, 'offenceDate', 'desc', row ?? null, 100);
      ctx.repos.facts.forDetection({ from: '2022-10-02', to: '2023-12-31' });
      ctx.repos.facts.dataRange();
    });
    // The read model's staleness check and its incremental path.
    expect(planOf(plans, /FROM data_version/)).toBe('SEARCH data_version USING INTEGER PRIMARY KEY (rowid=?)');
    expect(planOf(plans, /FROM incident_changes WHERE version >/)).toContain('SEARCH incident_changes USING INTEGER PRIMARY KEY (rowid>?)');
    expect(planOf(plans, /min\(version\) AS first FROM incident_changes/)).toBe('SEARCH incident_changes');
    expect(planOf(plans, /json_each/)).toContain('SEARCH incidents USING INTEGER PRIMARY KEY (rowid=?)');
    // A page's rows, a reference, an identifier.
    expect(planOf(plans, /FROM incidents WHERE id IN \(\?/)).toBe('SEARCH incidents USING INTEGER PRIMARY KEY (rowid=?)');
    expect(planOf(plans, /FROM incidents WHERE reference = \?/)).toBe(
      'SEARCH incidents USING INDEX sqlite_autoindex_incidents_1 (reference=?)',
    );
    const identifier = planOf(plans, /SELECT id, .*caller_key = @callerKey OR payee_key = @payeeKey\) ORDER BY/);
    expect(identifier).toContain('SEARCH incidents USING INDEX incidents_by_caller_key (caller_key=?)');
    expect(identifier).toContain('SEARCH incidents USING INDEX incidents_by_payee_key (payee_key=?)');
    // Export pages in date order: the first walks the date index, the next ones seek into it.
    expect(planOf(plans, /FROM incidents ORDER BY offence_date ASC/)).toBe('SCAN incidents USING INDEX incidents_by_date');
    expect(planOf(plans, /\(offence_date, id\) > \(@afterValue, @afterId\)/)).toMatch(
      /^SEARCH incidents USING INDEX incidents_by_date \(\(?offence_date(,id\))?>/,
    );
    expect(planOf(plans, /\(offence_date, id\) < \(@afterValue, @afterId\)/)).toMatch(
      /^SEARCH incidents USING INDEX incidents_by_date \(\(?offence_date(,id\))?</,
    );
    // Detection's period and the data range, through the date index (a table scan at a million rows
    // would cost the watch run seconds).
    expect(planOf(plans, /AS payeeAccount FROM incidents WHERE offence_date >= @from/)).toBe(
      'SEARCH incidents USING INDEX incidents_by_date (offence_date>? AND offence_date<?)',
    );
    expect(planOf(plans, /min\(offence_date\) AS first/)).toContain('USING COVERING INDEX incidents_by_date');
    // The only whole-table reads are the read model's own full load (when the change log cannot help).
    const scans = plans.filter((p) => /(^|\| )SCAN incidents( |$)/.test(p.plan) && !/USING (COVERING )?INDEX/.test(p.plan));
    expect(scans.map((p) => p.sql.slice(0, 60))).toEqual([
      expect.stringMatching(/^SELECT id, reference, CAST\(julianday/),
      expect.stringMatching(/^SELECT district_code, min\(district\)/),
    ]);
  });
});
