/**
 * detectSeries: runs, per method, the space-time permutation scan and the baseline check, adds
 * caller-number links, and returns the significant series as `Series` wire objects.
 */
import type { Method, Series } from '@scam/shared';
import { METHODS } from '@scam/shared';
import { baselineCheck, DEFAULT_BASELINE } from './baseline.js';
import { dayNumber } from '@scam/shared';
import { GROWTH_MARGIN_DAYS, groupByCallerNumber, growSeries } from './linking.js';
import type { GrowthCandidate } from './linking.js';
import { createRng, deriveSeed } from './random.js';
import { buildScanSetup, runPermutationScan } from './scan.js';
import type { ScanPlace } from './scan.js';
import { buildSeries, formatP, METHOD_PHRASES, trendAgainst } from './series-build.js';
import type { Member, SeriesDraft } from './series-build.js';
import type { DetectionIncident, DetectOptions, DetectResult } from './types.js';

/** Prospective analysis is assumed to run once a day; the recurrence interval is in days. */
export const ANALYSIS_FREQUENCY_DAYS = 1;

interface Resolved {
  fromDay: number;
  toDay: number;
  mode: 'retrospective' | 'prospective';
  replicates: number;
  seed: number;
  alpha: number;
  radiusKm: number;
  maxNeighbours: number;
  minWeeks: number;
  maxWeeks: number;
  minCases: number;
  timeStepDays: 1 | 7;
  forceAreaName: string;
}

function resolve(opts: DetectOptions): Resolved {
  const fromDay = dayNumber(opts.from);
  const toDay = dayNumber(opts.to);
  if (Number.isNaN(fromDay) || Number.isNaN(toDay)) throw new RangeError('from and to must be YYYY-MM-DD dates');
  if (fromDay > toDay) throw new RangeError('from must not be after to');
  const r: Resolved = {
    fromDay,
    toDay,
    mode: opts.mode ?? 'retrospective',
    replicates: opts.replicates ?? 999,
    seed: opts.seed ?? 1,
    alpha: opts.alpha ?? 0.05,
    radiusKm: opts.radiusKm ?? 10,
    maxNeighbours: opts.maxNeighbours ?? 12,
    minWeeks: opts.minWeeks ?? 1,
    maxWeeks: opts.maxWeeks ?? 8,
    minCases: opts.minCases ?? 3,
    timeStepDays: opts.timeStepDays ?? 7,
    forceAreaName: opts.forceAreaName ?? 'the force area',
  };
  if (!Number.isInteger(r.replicates) || r.replicates < 1) throw new RangeError('replicates must be a positive integer');
  if (!(r.alpha > 0 && r.alpha < 1)) throw new RangeError('alpha must be between 0 and 1');
  if (!(r.minWeeks >= 1 && r.maxWeeks >= r.minWeeks)) throw new RangeError('need 1 <= minWeeks <= maxWeeks');
  if (!(r.minCases >= 1)) throw new RangeError('minCases must be at least 1');
  if (!(r.radiusKm >= 0) || !(r.maxNeighbours >= 1)) throw new RangeError('radiusKm and maxNeighbours must be positive');
  return r;
}

/**
 * Finds phone-scam series. Pure: the same incidents (in any order), options and seed give the same
 * series. Incidents whose date is not a real YYYY-MM-DD date or whose coordinates are not finite
 * cannot be placed in space or time and are left out.
 */
export function detectSeries(incidents: readonly DetectionIncident[], opts: DetectOptions): DetectResult {
  const started = performance.now();
  const o = resolve(opts);

  const day = new Int32Array(incidents.length);
  const usable: number[] = [];
  incidents.forEach((inc, i) => {
    const d = dayNumber(inc.offenceDate);
    day[i] = d;
    if (!Number.isNaN(d) && Number.isFinite(inc.lat) && Number.isFinite(inc.lon)) usable.push(i);
  });
  // Input order must not matter, so every list is put in date-then-reference order first.
  usable.sort((a, b) => day[a]! - day[b]! || (incidents[a]!.reference < incidents[b]!.reference ? -1 : 1));
  const dataStartDay = usable.length > 0 ? day[usable[0]!]! : o.fromDay;

  const methods: readonly Method[] = opts.method ? [opts.method] : METHODS;
  const out: Series[] = [];
  for (const method of methods) {
    const ofMethod = usable.filter((i) => incidents[i]!.method === method && day[i]! <= o.toDay);
    if (ofMethod.length === 0) continue;
    const study = ofMethod.filter((i) => day[i]! >= o.fromDay);
    out.push(...scanSeries(incidents, day, study, method, o));
    out.push(...baselineSeries(incidents, day, ofMethod, method, o, dataStartDay));
  }
  const linkPool = usable.filter(
    (i) => day[i]! >= o.fromDay && day[i]! <= o.toDay && (!opts.method || incidents[i]!.method === opts.method),
  );
  out.push(...linkedSeries(incidents, day, linkPool, o));
  const folded = foldNested(out);

  const ids = new Map<string, number>();
  for (const s of folded) {
    const n = (ids.get(s.id) ?? 0) + 1;
    ids.set(s.id, n);
    if (n > 1) s.id = `${s.id}-${n}`;
    s.trend = trendAgainst(s, opts.previous ?? []);
  }
  folded.sort((a, b) => (a.pValue ?? Infinity) - (b.pValue ?? Infinity) || b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { series: folded, elapsedMs: performance.now() - started, mode: o.mode, replicates: o.replicates, alpha: o.alpha };
}

function scanSeries(
  incidents: readonly DetectionIncident[],
  day: Int32Array,
  study: readonly number[],
  method: Method,
  o: Resolved,
): Series[] {
  if (study.length < o.minCases) return [];
  const placeKey = (inc: DetectionIncident): string => `${inc.place}\u0000${inc.district}`;
  const sums = new Map<string, { lat: number; lon: number; n: number; name: string }>();
  for (const i of study) {
    const inc = incidents[i]!;
    const k = placeKey(inc);
    const s = sums.get(k) ?? { lat: 0, lon: 0, n: 0, name: inc.place };
    s.lat += inc.lat;
    s.lon += inc.lon;
    s.n++;
    sums.set(k, s);
  }
  const keys = [...sums.keys()].sort();
  const placeIndex = new Map(keys.map((k, i) => [k, i]));
  const places: (ScanPlace & { name: string })[] = keys.map((k) => {
    const s = sums.get(k)!;
    return { lat: s.lat / s.n, lon: s.lon / s.n, name: s.name };
  });
  const casePlace = Int32Array.from(study, (i) => placeIndex.get(placeKey(incidents[i]!))!);
  const caseDay = Int32Array.from(study, (i) => day[i]!);
  const step = o.timeStepDays;
  const setup = buildScanSetup(places, casePlace, caseDay, {
    fromDay: o.fromDay,
    toDay: o.toDay,
    binDays: step,
    radiusKm: o.radiusKm,
    maxNeighbours: o.maxNeighbours,
    minBins: Math.max(1, Math.ceil((o.minWeeks * 7) / step)),
    maxBins: Math.max(1, Math.floor((o.maxWeeks * 7) / step)),
    minCases: o.minCases,
    prospective: o.mode === 'prospective',
  });
  const rng = createRng(deriveSeed(o.seed, method));
  const result = runPermutationScan(setup, o.replicates, rng, o.alpha);

  const inCluster = new Set<number>();
  for (const c of result.clusters) for (const j of c.cases) inCluster.add(study[j]!);
  const pool: GrowthCandidate[] = study.filter((i) => !inCluster.has(i)).map((i) => ({ index: i, day: day[i]! }));
  const taken = new Set<number>();
  const phrase = METHOD_PHRASES[method];

  return result.clusters.map((cl) => {
    const core: Member[] = cl.cases.map((j) => ({ index: study[j]!, day: day[study[j]!]! }));
    const centre = places[cl.centre]!;
    const near = pool.filter(
      (c) => !taken.has(c.index) && c.day >= cl.startDay - GROWTH_MARGIN_DAYS && c.day <= cl.endDay + GROWTH_MARGIN_DAYS,
    );
    const grown = growSeries(incidents, core, near, centre, cl.radiusKm);
    for (const g of grown) taken.add(g.index);
    const members: Member[] = [
      ...core,
      ...grown.map((g) => ({
        index: g.index,
        day: day[g.index]!,
        linkedBy: { reference: incidents[g.linkedTo]!.reference, score: g.score },
      })),
    ];
    // Members added by similarity lie outside the scanned cylinder, so they are added to the expected
    // count as well as the observed: linking can explain a series but never make it look stronger.
    const expected = cl.expected + grown.length;
    const recurrenceDays = o.mode === 'prospective' ? ((o.replicates + 1) / cl.rank) * ANALYSIS_FREQUENCY_DAYS : null;
    const draft: SeriesDraft = {
      kind: 'space_time',
      method,
      members,
      expected,
      pValue: cl.pValue,
      recurrenceDays,
      centre: { lat: centre.lat, lon: centre.lon },
      radiusKm: cl.radiusKm,
      startDay: cl.startDay,
      endDay: cl.endDay,
      idAnchor: centre.name,
      explain: ({ count, areas, range, expected: e }) => {
        const chance =
          recurrenceDays === null
            ? ''
            : `; by chance a cluster this unusual would turn up about once in ${Math.round(recurrenceDays)} days of daily checks`;
        return `${count} ${phrase} reports in ${areas} ${range} against ${e.toFixed(1)} expected (${formatP(cl.pValue)}${chance}).`;
      },
    };
    return buildSeries(incidents, draft);
  });
}

function baselineSeries(
  incidents: readonly DetectionIncident[],
  day: Int32Array,
  ofMethod: readonly number[],
  method: Method,
  o: Resolved,
  dataStartDay: number,
): Series[] {
  const findings = baselineCheck(
    ofMethod.map((i) => ({ day: day[i]!, district: incidents[i]!.district })),
    {
      ...DEFAULT_BASELINE,
      fromDay: o.fromDay,
      toDay: o.toDay,
      dataStartDay,
      minWeeks: o.minWeeks,
      maxWeeks: o.maxWeeks,
      prospective: o.mode === 'prospective',
      minCases: o.minCases,
      alpha: o.alpha,
    },
  );
  const phrase = METHOD_PHRASES[method];
  return findings.map((f) => {
    const area = f.district ?? o.forceAreaName;
    const weeks = Math.round(f.baselineDays / 7);
    return buildSeries(incidents, {
      kind: 'baseline',
      method,
      members: f.cases.map((j) => ({ index: ofMethod[j]!, day: day[ofMethod[j]!]! })),
      expected: f.expected,
      pValue: f.pAdjusted,
      recurrenceDays: null,
      startDay: f.startDay,
      endDay: f.endDay,
      idAnchor: f.district ?? 'force-area',
      explain: ({ count, range, expected }) =>
        `${count} ${phrase} reports across ${area} ${range} against ${expected.toFixed(1)} expected from the previous ${weeks} weeks (${formatP(f.pAdjusted)} after allowing for ${f.tests} area and period checks).`,
    });
  });
}

function linkedSeries(incidents: readonly DetectionIncident[], day: Int32Array, pool: readonly number[], o: Resolved): Series[] {
  return groupByCallerNumber(incidents, pool, Math.max(3, o.minCases)).map((g) => {
    const methodCounts = new Map<Method, number>();
    for (const i of g.indices) methodCounts.set(incidents[i]!.method, (methodCounts.get(incidents[i]!.method) ?? 0) + 1);
    let method: Method = incidents[g.indices[0]!]!.method;
    for (const m of METHODS) if ((methodCounts.get(m) ?? 0) > (methodCounts.get(method) ?? 0)) method = m;
    const shown = incidents[g.indices[0]!]!.callerNumber ?? g.number;
    const days = g.indices.map((i) => day[i]!);
    return buildSeries(incidents, {
      kind: 'linked',
      method,
      members: g.indices.map((i) => ({ index: i, day: day[i]! })),
      // Reports sharing a number are evidence of one offender group, not an excess over a rate, so
      // there is no expected count: expected and relative risk are reported as 0.
      expected: 0,
      pValue: null,
      recurrenceDays: null,
      startDay: days.reduce((a, b) => Math.min(a, b)),
      endDay: days.reduce((a, b) => Math.max(a, b)),
      idAnchor: g.number,
      explain: ({ count, areas, range }) =>
        `${count} ${METHOD_PHRASES[method]} reports in ${areas} ${range} came from the same caller number, ${shown}.`,
    });
  });
}

/** A force-area baseline series spans the whole force; district ones name a single district. */
function isForceWide(s: Series): boolean {
  return s.id.endsWith('force-area') || s.districts.length > 1;
}

/** Share of a series' members that must lie inside a larger one for it to be folded into it. */
export const NESTED_SHARE = 0.75;

/**
 * One event often surfaces several ways: the force-wide baseline, a district baseline inside it, and
 * caller-number links inside either. An analyst wants one card per event, so a series whose members
 * are mostly inside a larger series of the same method is dropped: its members are already listed
 * there and its district appears in the larger series' area counts. A nested series that is more
 * significant than the larger one is kept: it is the sharper finding.
 */
export function foldNested(series: readonly Series[]): Series[] {
  const bySize = [...series].sort((a, b) => b.count - a.count || (a.pValue ?? 1) - (b.pValue ?? 1));
  const kept: { s: Series; members: Set<string> }[] = [];
  for (const s of bySize) {
    const inside = kept.some(
      (k) =>
        k.s.method === s.method &&
        // Only like into like (and caller-number links into anything): a local space-time cluster or a
        // district's excess is a sharper claim than the force-wide surge around it, whatever the p-values
        // say — the scan's Monte-Carlo p can never beat a baseline's exact tail.
        (s.kind === 'linked' || (s.kind === k.s.kind && !(s.kind === 'baseline' && isForceWide(k.s) && !isForceWide(s)))) &&
        // A sharper small cluster (a lower p-value) stays its own card: "five victims in St Albans".
        (s.pValue === null || (k.s.pValue !== null && k.s.pValue <= s.pValue)) &&
        s.incidents.filter((r) => k.members.has(r)).length >= NESTED_SHARE * s.incidents.length,
    );
    if (!inside) kept.push({ s, members: new Set(s.incidents) });
  }
  return kept.map((k) => k.s);
}
