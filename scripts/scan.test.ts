import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRng } from '@scam/detection';
import { addDays, dayNumber } from '@scam/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { runScanCli } from './scan.js';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'scan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FROM = '2024-03-01';
const TO = '2024-03-30';
const DAYS = 30;

interface Location {
  id: string;
  lat: number;
  lon: number;
}

// Eight towns a few kilometres apart, and Z9 with coordinates but no cases (a centre only); Z9 comes
// first so that centre numbers and place numbers differ.
const LOCATIONS: Location[] = [
  { id: 'Z9', lat: 51.73, lon: -0.35 },
  { id: 'L1', lat: 51.75, lon: -0.336 },
  { id: 'L2', lat: 51.771, lon: -0.301 },
  { id: 'L3', lat: 51.742, lon: -0.262 },
  { id: 'L4', lat: 51.76, lon: -0.229 },
  { id: 'L5', lat: 51.803, lon: -0.281 },
  { id: 'L6', lat: 51.702, lon: -0.318 },
  { id: 'L7', lat: 51.812, lon: -0.19 },
  { id: 'L8', lat: 51.69, lon: -0.205 },
];

/**
 * 60 background cases on random days, few of them in L3 and L4 (one draw in twenty each), 14
 * planted in L3 and L4 on 18–20 March, and 4 in L4 on 4–5 March. The permutation model conditions on both margins, so a planted
 * burst only stands out where its towns and days are otherwise quiet.
 */
function makeCases(): { id: string; day: number }[] {
  const rng = createRng(99);
  const others = ['L1', 'L2', 'L5', 'L6', 'L7', 'L8'];
  const cases: { id: string; day: number }[] = [];
  for (let i = 0; i < 60; i++) {
    const u = rng.next();
    const id = u < 0.05 ? 'L3' : u < 0.1 ? 'L4' : others[Math.floor(((u - 0.1) / 0.9) * others.length)]!;
    cases.push({ id, day: rng.int(DAYS) });
  }
  for (let i = 0; i < 14; i++) cases.push({ id: i % 2 === 0 ? 'L3' : 'L4', day: 17 + (i % 3) });
  // A small earlier burst in L4: it shares a location with the planted cluster but not a day, so only
  // SaTScan's no-geographical-overlap rule drops it.
  for (let i = 0; i < 4; i++) cases.push({ id: 'L4', day: 3 + (i % 2) });
  return cases;
}
const CASES = makeCases();

function writeInputs(): { cases: string; coords: string } {
  const counts = new Map<string, number>();
  for (const c of CASES) counts.set(`${c.id} ${c.day}`, (counts.get(`${c.id} ${c.day}`) ?? 0) + 1);
  // Several cases on one day are one line with a count; both date forms appear; two cases before the
  // study period must be left out.
  const lines = [...counts].map(([key, n], i) => {
    const [id, day] = key.split(' ') as [string, string];
    const iso = addDays(FROM, Number(day));
    return `${id} ${n} ${i % 2 === 0 ? iso.replaceAll('-', '/') : iso}`;
  });
  lines.push('L1 2 2024/02/28');
  const cases = join(dir, 'fraud.cas');
  const coords = join(dir, 'fraud.geo');
  writeFileSync(cases, `${lines.join('\n')}\n`);
  writeFileSync(coords, LOCATIONS.map((l) => `${l.id}\t${l.lat}\t${l.lon}`).join('\n'));
  return { cases, coords };
}
const FILES = writeInputs();

function km(a: Location, b: Location): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

interface Limits {
  maxKm: number;
  maxShare: number;
  minDays: number;
  maxDays: number;
  minCases: number;
  prospective: boolean;
}

interface Found {
  centre: string;
  locations: string[];
  radiusKm: number;
  start: number;
  end: number;
  observed: number;
  expected: number;
  llr: number;
}

/**
 * The analysis written out by brute force, sharing no code with the engine: every centre, every zone
 * (its nearest towns with cases, within the limits), every window of days; each centre's most likely
 * cylinder (ties: fewer locations, then the shorter window, then the later end); those sorted by LLR
 * (then more cases, then file order of the centre); any sharing a location with a kept one dropped.
 */
function bruteForce(o: Limits): Found[] {
  const C = CASES.length;
  const withCases = LOCATIONS.filter((l) => CASES.some((c) => c.id === l.id));
  const best: (Found & { order: number })[] = [];
  LOCATIONS.forEach((centre, order) => {
    const near = withCases
      .map((l, i) => ({ l, i, d: km(centre, l) }))
      .filter((x) => x.d <= o.maxKm)
      .sort((a, b) => a.d - b.d || a.i - b.i);
    let top: (Found & { order: number }) | undefined;
    for (let k = 1; k <= near.length; k++) {
      const zone = near.slice(0, k).map((x) => x.l.id);
      const cZone = CASES.filter((c) => zone.includes(c.id)).length;
      if (cZone > o.maxShare * C) break;
      for (let end = o.prospective ? DAYS - 1 : 0; end < DAYS; end++) {
        for (let start = Math.max(0, end - o.maxDays + 1); start <= end - o.minDays + 1; start++) {
          const inWindow = CASES.filter((c) => c.day >= start && c.day <= end);
          const cWindow = inWindow.length;
          const c = inWindow.filter((x) => zone.includes(x.id)).length;
          const mu = (cZone * cWindow) / C;
          if (c < o.minCases || c <= mu) continue;
          const llr = c * Math.log(c / mu) + (C - c > 0 ? (C - c) * Math.log((C - c) / (C - mu)) : 0);
          const len = end - start + 1;
          const better =
            top === undefined ||
            llr > top.llr ||
            (llr === top.llr &&
              (k < top.locations.length ||
                (k === top.locations.length && (len < top.end - top.start + 1 || (len === top.end - top.start + 1 && end > top.end)))));
          if (better) {
            top = { order, centre: centre.id, locations: zone, radiusKm: near[k - 1]!.d, start, end, observed: c, expected: mu, llr };
          }
        }
      }
    }
    if (top) best.push(top);
  });
  best.sort((a, b) => b.llr - a.llr || b.observed - a.observed || a.order - b.order);
  const kept: Found[] = [];
  for (const b of best) if (!kept.some((k) => k.locations.some((id) => b.locations.includes(id)))) kept.push(b);
  return kept;
}

function run(args: readonly string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runScanCli(args, { readFile: (p) => readFileSync(p, 'utf8'), out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const BASE = ['--cases', FILES.cases, '--coords', FILES.coords, '--from', FROM, '--to', TO];

interface CliCluster {
  locations: string[];
  start: string;
  end: string;
  observed: number;
  expected: number;
  llr: number;
  pValue: number;
  significant: boolean;
  relativeRisk: number | null;
  centre: string;
  radiusKm: number;
}

describe('npm run scan against a brute-force scan', () => {
  const SATSCAN_DEFAULTS: Limits = { maxKm: Infinity, maxShare: 0.5, minDays: 1, maxDays: 15, minCases: 2, prospective: false };

  it.each([
    ['SaTScan defaults', [], SATSCAN_DEFAULTS],
    [
      'every limit set',
      ['--max-km', '4', '--max-share', '0.3', '--min-days', '2', '--max-days', '6', '--min-cases', '3', '--replicates', '99'],
      { maxKm: 4, maxShare: 0.3, minDays: 2, maxDays: 6, minCases: 3, prospective: false },
    ],
    ['prospective', ['--prospective', '--max-days', '20', '--replicates', '99'], { ...SATSCAN_DEFAULTS, maxDays: 20, prospective: true }],
  ] as const)('%s: every reported cluster agrees', (_name, extra, limits) => {
    const { code, out, err } = run([...BASE, ...extra, '--json']);
    expect(code).toBe(0);
    expect(err).toBe('note: 2 cases outside 2024-03-01 to 2024-03-30 were left out\n');
    const parsed = JSON.parse(out) as { clusters: CliCluster[] };
    expect(Object.keys(parsed)).toEqual(['clusters']);
    const got = parsed.clusters;
    const want = bruteForce(limits);
    expect(want.length).toBeGreaterThan(1);
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => {
      const w = want[i]!;
      expect({ centre: g.centre, locations: g.locations, start: g.start, end: g.end, observed: g.observed }).toEqual({
        centre: w.centre,
        locations: w.locations,
        start: addDays(FROM, w.start),
        end: addDays(FROM, w.end),
        observed: w.observed,
      });
      expect(g.expected).toBeCloseTo(w.expected, 9);
      expect(g.llr).toBeCloseTo(w.llr, 9);
      expect(g.radiusKm).toBeCloseTo(w.radiusKm, 6);
      expect(g.pValue).toBeGreaterThan(0);
      expect(g.pValue).toBeLessThanOrEqual(1);
      expect(g.significant).toBe(g.pValue <= 0.05);
      if (i > 0) expect(g.pValue).toBeGreaterThanOrEqual(got[i - 1]!.pValue);
      for (const h of got.slice(0, i)) expect(g.locations.filter((id) => h.locations.includes(id))).toEqual([]);
    });
    if (!limits.prospective && limits.maxShare === 0.5) {
      expect([...got[0]!.locations].sort()).toEqual(['L3', 'L4']);
      expect(dayNumber(got[0]!.start)).toBeLessThanOrEqual(dayNumber('2024-03-18'));
      expect(dayNumber(got[0]!.end)).toBeGreaterThanOrEqual(dayNumber('2024-03-20'));
      expect(got[0]!.pValue).toBeLessThanOrEqual(0.05);
      expect(got.at(-1)!.significant).toBe(false);
    }
  });

  it('prints a table without --json', () => {
    const { code, out } = run([...BASE, '--replicates', '99']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Space-time permutation scan, 2024-03-01 to 2024-03-30: 78 cases, 99 replicates; \d+ clusters/);
    expect(lines[1]).toMatch(/^#\s+locations\s+start\s+end\s+observed\s+expected\s+RR\s+LLR\s+p$/);
    expect(lines[2]).toMatch(/^1\s+L[34], L[34]\s+2024-03-\d\d\s+2024-03-\d\d\s+\d+\s/);
  });
});

describe('npm run scan: bad arguments and bad files', () => {
  it.each([
    [[], '--cases FILE is required'],
    [['--cases', FILES.cases, '--coords', FILES.coords, '--to', TO], '--from YYYY-MM-DD is required'],
    [[...BASE.slice(0, 4), '--from', '2024-3-1', '--to', TO], '--from must be a date YYYY-MM-DD, got "2024-3-1"'],
    [[...BASE.slice(0, 4), '--from', TO, '--to', FROM], '--from 2024-03-30 is after --to 2024-03-01'],
    [[...BASE, '--max-share', '50'], '--max-share must be a number above 0 and at most 1, got "50"'],
    [[...BASE, '--max-km', '0'], '--max-km must be a number above 0, got "0"'],
    [[...BASE, '--min-days', '0'], '--min-days must be a whole number of at least 1, got "0"'],
    [[...BASE, '--replicates', 'many'], '--replicates must be a whole number of at least 1, got "many"'],
    [[...BASE, '--min-days', '16'], '--min-days 16 is more than the default --max-days of 15 (half the study period)'],
    [[...BASE, '--min-days', '5', '--max-days', '3'], '--min-days 5 is more than --max-days 3'],
    [[...BASE, '--alpha', '0.01'], "Unknown option '--alpha'"],
    [[...BASE, '--seed'], "Option '--seed <value>' argument missing"],
    [['--cases', join(dir, 'missing.cas'), ...BASE.slice(2)], `--cases: cannot read ${join(dir, 'missing.cas')} (ENOENT)`],
  ])('%j → exit 2', (args, message) => {
    const { code, out, err } = run(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(`error: ${message}\n`);
  });

  it('a bad line in a case file → exit 1 naming the file and line', () => {
    const bad = join(dir, 'bad.cas');
    writeFileSync(bad, 'L1 1 2024/03/02\nL1 1 2024/03/32\n');
    const { code, err } = run(['--cases', bad, ...BASE.slice(2)]);
    expect(code).toBe(1);
    expect(err).toBe(`error: ${bad}, line 2: date "2024/03/32" is not a real date written YYYY/MM/DD or YYYY-MM-DD\n`);
  });

  it('runs as a script: the same JSON on stdout, and exit 2 with one line on stderr for a bad option', () => {
    const tsx = join(root, 'node_modules/.bin/tsx');
    const args = [...BASE, '--replicates', '99', '--json'];
    const ok = spawnSync(tsx, ['--conditions=source', 'scripts/scan.ts', ...args], { cwd: root, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(run(args).out);
    const bad = spawnSync(tsx, ['--conditions=source', 'scripts/scan.ts', ...BASE, '--max-days', 'x'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('error: --max-days must be a whole number of at least 1, got "x"\n');
  });
});
