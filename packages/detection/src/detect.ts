/**
 * detectSeries: runs, per method, the space-time permutation scan and the baseline check, adds
 * caller-number links, and returns the significant series as `Series` wire objects.
 */
import type { Impersonated, Method, Series } from '@scam/shared';
import { METHODS } from '@scam/shared';
import { baselineCheck, DEFAULT_BASELINE } from './baseline.js';
import { dayNumber } from '@scam/shared';
import { focusSurge } from './focus.js';
import { haversineKm } from './geo.js';
import { GROWTH_MARGIN_DAYS, groupBySharedIdentifier, growSeries, IMPERSONATED_PHRASE } from './linking.js';
import type { GrowthCandidate } from './linking.js';
import { createRng, deriveSeed } from './random.js';
import { buildScanSetup, runPermutationScan } from './scan.js';
import type { ScanPlace } from './scan.js';
import { buildSeries, formatP, METHOD_PHRASES, trendAgainst } from './series-build.js';
import type { Member, SeriesDraft } from './series-build.js';
import type { DetectionIncident, DetectOptions, DetectResult } from './types.js';

/**
 * Each method is checked twice, by the space-time scan and by the temporal scan of each area against
 * its own past. Each runs at alpha / 2 and reports p × 2 (Bonferroni over the two), so the chance that a
 * method with no series shows anything stays at alpha.
 */
const DETECTORS = 2;

/** Fewest reports the temporal scan reports a surge with (the space-time scan uses minCases). */
export const MIN_SURGE_REPORTS = 5;
const familyP = (p: number): number => Math.min(1, p * DETECTORS);

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
  maxShare: number;
  maxNeighbours: number;
  minDays: number;
  maxDays: number;
  minCases: number;
  timeStepDays: 1 | 7;
  forceAreaName: string;
  centres: readonly { name: string; lat: number; lon: number }[] | undefined;
  includeAll: boolean;
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
    maxShare: opts.maxShare ?? 0.5,
    maxNeighbours: opts.maxNeighbours ?? 12,
    minDays: opts.minDays ?? 7,
    maxDays: opts.maxDays ?? 56,
    minCases: opts.minCases ?? 3,
    timeStepDays: opts.timeStepDays ?? 7,
    forceAreaName: opts.forceAreaName ?? 'the force area',
    centres: opts.centres,
    includeAll: opts.includeAll ?? false,
  };
  if (!Number.isInteger(r.replicates) || r.replicates < 1) throw new RangeError('replicates must be a positive integer');
  if (!(r.alpha > 0 && r.alpha < 1)) throw new RangeError('alpha must be between 0 and 1');
  if (!(Number.isInteger(r.minDays) && r.minDays >= 1 && Number.isInteger(r.maxDays) && r.maxDays >= r.minDays)) {
    throw new RangeError('need whole days with 1 <= minDays <= maxDays');
  }
  if (!(r.minCases >= 1)) throw new RangeError('minCases must be at least 1');
  if (!(r.radiusKm > 0) || !(r.maxNeighbours >= 1)) throw new RangeError('radiusKm and maxNeighbours must be positive');
  if (!(r.maxShare > 0 && r.maxShare <= 1)) throw new RangeError('maxShare must be above 0 and at most 1');
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
  /** Cards over the whole force area (not narrowed to a corner of it): other cards inside them stay. */
  const forceWide = new WeakSet<Series>();
  for (const method of methods) {
    const ofMethod = usable.filter((i) => incidents[i]!.method === method && day[i]! <= o.toDay);
    if (ofMethod.length === 0) continue;
    const study = ofMethod.filter((i) => day[i]! >= o.fromDay);
    out.push(...scanSeries(incidents, day, study, method, o));
    out.push(...baselineSeries(incidents, day, ofMethod, method, o, dataStartDay, forceWide));
  }
  const linkPool = usable.filter(
    (i) => day[i]! >= o.fromDay && day[i]! <= o.toDay && (!opts.method || incidents[i]!.method === opts.method),
  );
  out.push(...linkedSeries(incidents, day, linkPool, o));
  const folded = foldNested(out, (s) => forceWide.has(s));

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
  const centres = o.centres ?? places;
  const casePlace = Int32Array.from(study, (i) => placeIndex.get(placeKey(incidents[i]!))!);
  const caseDay = Int32Array.from(study, (i) => day[i]!);
  const step = o.timeStepDays;
  const setup = buildScanSetup(places, casePlace, caseDay, {
    fromDay: o.fromDay,
    toDay: o.toDay,
    binDays: step,
    radiusKm: o.radiusKm,
    maxNeighbours: o.maxNeighbours,
    maxShare: o.maxShare,
    centres: o.centres,
    minBins: Math.max(1, Math.ceil(o.minDays / step)),
    maxBins: Math.max(1, Math.floor(o.maxDays / step)),
    minCases: o.minCases,
    prospective: o.mode === 'prospective',
    reportAll: o.includeAll,
  });
  const rng = createRng(deriveSeed(o.seed, method));
  const result = runPermutationScan(setup, o.replicates, rng, o.alpha / DETECTORS);

  const inCluster = new Set<number>();
  for (const c of result.clusters) for (const j of c.cases) inCluster.add(study[j]!);
  const pool: GrowthCandidate[] = study.filter((i) => !inCluster.has(i)).map((i) => ({ index: i, day: day[i]! }));
  const taken = new Set<number>();
  const phrase = METHOD_PHRASES[method];

  return result.clusters.map((cl) => {
    const core: Member[] = cl.cases.map((j) => ({ index: study[j]!, day: day[study[j]!]! }));
    const centre = centres[cl.centre]!;
    const grown = grow(incidents, day, core, pool, taken, centre, cl.radiusKm);
    const members: Member[] = [...core, ...grown];
    // Members added by similarity lie outside the scanned cylinder, so they are added to the expected
    // count as well as the observed: linking can explain a series but never make it look stronger.
    const expected = cl.expected + grown.length;
    const recurrenceDays = o.mode === 'prospective' ? ((o.replicates + 1) / cl.rank) * ANALYSIS_FREQUENCY_DAYS : null;
    const draft: SeriesDraft = {
      kind: 'space_time',
      method,
      members,
      expected,
      pValue: familyP(cl.pValue),
      llr: cl.llr,
      significant: familyP(cl.pValue) <= o.alpha,
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
        const verdict = familyP(cl.pValue) <= o.alpha ? '' : ' Not significant: shown because all candidate clusters were asked for.';
        return `${count} ${phrase} reports in ${areas} ${range} against ${e.toFixed(1)} expected (${formatP(familyP(cl.pValue))}${chance}).${verdict}`;
      },
    };
    return buildSeries(incidents, draft);
  });
}

/**
 * Growth across borders: reports of the method just outside a series (by distance and time, whatever
 * their district) that look like its members join it, marked with the member they resemble.
 */
function grow(
  incidents: readonly DetectionIncident[],
  day: Int32Array,
  core: readonly Member[],
  pool: readonly GrowthCandidate[],
  taken: Set<number>,
  centre: { lat: number; lon: number },
  radiusKm: number,
): Member[] {
  let first = Infinity;
  let last = -Infinity;
  for (const m of core) {
    first = Math.min(first, m.day);
    last = Math.max(last, m.day);
  }
  const inCore = new Set(core.map((m) => m.index));
  const near = pool.filter(
    (c) => !taken.has(c.index) && !inCore.has(c.index) && c.day >= first - GROWTH_MARGIN_DAYS && c.day <= last + GROWTH_MARGIN_DAYS,
  );
  const grown = growSeries(incidents, core, near, centre, radiusKm);
  for (const g of grown) taken.add(g.index);
  return grown.map((g) => ({
    index: g.index,
    day: day[g.index]!,
    linkedBy: { reference: incidents[g.linkedTo]!.reference, score: g.score },
  }));
}

function baselineSeries(
  incidents: readonly DetectionIncident[],
  day: Int32Array,
  ofMethod: readonly number[],
  method: Method,
  o: Resolved,
  dataStartDay: number,
  forceWide: WeakSet<Series>,
): Series[] {
  const findings = baselineCheck(
    ofMethod.map((i) => {
      const inc = incidents[i]!;
      return { day: day[i]!, district: inc.district, place: inc.place, profile: inc.impersonated === 'unknown' ? null : inc.impersonated };
    }),
    {
      ...DEFAULT_BASELINE,
      fromDay: o.fromDay,
      toDay: o.toDay,
      dataStartDay,
      minDays: o.minDays,
      maxDays: o.maxDays,
      stepDays: o.timeStepDays,
      prospective: o.mode === 'prospective',
      // A surge over an area needs at least five reports: fewer, in an area with a small baseline, make a
      // chance three-in-a-week look extraordinary and raise the bar every real surge must clear. Smaller
      // groups are the space-time scan's and the links' to find.
      minCases: Math.max(o.minCases, MIN_SURGE_REPORTS),
      alpha: o.alpha / DETECTORS,
      replicates: o.replicates,
    },
    createRng(deriveSeed(o.seed, `baseline:${method}`)),
  );
  const phrase = METHOD_PHRASES[method];
  const pool: GrowthCandidate[] = ofMethod.filter((i) => day[i]! >= o.fromDay).map((i) => ({ index: i, day: day[i]! }));
  const taken = new Set<number>();
  const inSurge = new Set(findings.flatMap((f) => f.cases.map((j) => ofMethod[j]!)));
  return findings.map((f) => {
    const area = f.area.kind === 'force' ? o.forceAreaName : f.area.name;
    const weeks = Math.round(f.baselineDays / 7);
    const inWindow: Member[] = f.cases.map((j) => ({ index: ofMethod[j]!, day: day[ofMethod[j]!]! }));
    // A finding for one kind of caller already lists only those reports.
    const trimmed = f.profile === null ? trimToProfile(incidents, inWindow, o.minCases) : { kept: inWindow, setAside: 0 };
    const { setAside } = trimmed;
    // The area's expectation is for every report of the window; for the listed ones it is scaled by their
    // share (the same share is assumed of the baseline).
    const areaExpected = (f.expected * trimmed.kept.length) / Math.max(1, inWindow.length);
    const inArea = (inc: DetectionIncident): boolean =>
      (f.profile === null || inc.impersonated === f.profile) &&
      (f.area.kind === 'force' ||
        (f.area.kind === 'district' && inc.district === f.area.name) ||
        (f.area.kind === 'place' && inc.district === f.area.district && inc.place === f.area.name));
    // The area's usual spread: its reports outside these weeks and outside every surge found.
    const usual = ofMethod
      .filter((i) => (day[i]! < f.startDay || day[i]! > f.endDay) && !inSurge.has(i) && inArea(incidents[i]!))
      .map((i) => incidents[i]!);
    const focus = focusSurge(
      trimmed.kept.map((m) => incidents[m.index]!),
      usual,
      areaExpected,
      Math.max(o.minCases, MIN_SURGE_REPORTS),
    );
    const core = focus.inside.map((k) => trimmed.kept[k]!);
    const centrePlace = focus.centre === null ? null : incidents[trimmed.kept[focus.centre]!.index]!.place;
    for (const m of core) taken.add(m.index);
    // A district's or town's surge often spills over its boundary: look-alike reports nearby join.
    const grown =
      f.area.kind === 'force' && centrePlace === null
        ? []
        : grow(incidents, day, core, pool, taken, centroid(incidents, core), spread(incidents, core));
    const recurrenceDays = o.mode === 'prospective' ? ((o.replicates + 1) / f.rank) * ANALYSIS_FREQUENCY_DAYS : null;
    const series = buildSeries(incidents, {
      kind: 'baseline',
      method,
      members: [...core, ...grown],
      // Plus one per report grown in from outside: growth can explain a series, never strengthen it.
      expected: focus.expected + grown.length,
      pValue: familyP(f.pValue),
      llr: f.llr,
      significant: true,
      recurrenceDays,
      startDay: f.startDay,
      endDay: f.endDay,
      idAnchor: centrePlace ?? (f.area.kind === 'force' ? 'force-area' : f.area.name),
      explain: ({ count, areas, range, expected }) => {
        const beyond = grown.length > 0 ? ` (${grown.length} of them just over its boundary)` : '';
        const aside =
          setAside > 0
            ? ` ${plural(setAside, 'other report')} of the same area and weeks, where the caller posed as someone else, ${setAside === 1 ? 'is' : 'are'} left out (${inWindow.length} in all against ${f.expected.toFixed(1)} expected).`
            : '';
        const where = centrePlace === null ? area : `${area}, around ${centrePlace} (${areas})`;
        const narrowed =
          centrePlace === null
            ? ''
            : ` The other ${plural(trimmed.kept.length - core.length, 'report')} of ${area} in those weeks lie away from this cluster and are left out.`;
        // Reports of other surges (found earlier in this look, or before a prospective look's weeks) were
        // set aside from the comparison (baselineCheck).
        const later = f.setAsideBefore > 0 ? `, with ${plural(f.setAsideBefore, 'report')} of other surges left out of the comparison` : '';
        const kind = f.profile === null ? '' : ` where the caller posed as ${IMPERSONATED_PHRASE[f.profile as Impersonated] ?? f.profile}`;
        return `${count} ${phrase} reports${kind} in ${where}${beyond} ${range} against ${expected.toFixed(1)} expected from the previous ${weeks} weeks (${formatP(familyP(f.pValue))}, allowing for every area and period checked${later}).${aside}${narrowed}`;
      },
    });
    if (f.area.kind === 'force' && centrePlace === null) forceWide.add(series);
    return series;
  });
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Share of the known impersonated parties one party must hold for the others to be set aside. */
export const PROFILE_SHARE = 0.75;

/**
 * A surge over an area and weeks takes in every report of the method there, the series' and the
 * ordinary ones alike. When most reports share who the caller posed as (police, bank, HMRC…), those
 * where a caller posed as someone else are most likely not the same offenders, so they are set aside
 * (never below minCases members).
 */
export function trimToProfile(
  incidents: readonly DetectionIncident[],
  members: readonly Member[],
  minCases: number,
): { kept: Member[]; setAside: number } {
  const counts = new Map<string, number>();
  let known = 0;
  for (const m of members) {
    const who = incidents[m.index]!.impersonated;
    if (who === 'unknown') continue;
    counts.set(who, (counts.get(who) ?? 0) + 1);
    known++;
  }
  let top: string | null = null;
  let topN = 0;
  for (const [who, n] of counts) if (n > topN || (n === topN && top !== null && who < top)) [top, topN] = [who, n];
  if (top === null || topN < PROFILE_SHARE * known) return { kept: [...members], setAside: 0 };
  const kept = members.filter((m) => {
    const who = incidents[m.index]!.impersonated;
    return who === 'unknown' || who === top;
  });
  return kept.length >= minCases ? { kept, setAside: members.length - kept.length } : { kept: [...members], setAside: 0 };
}

function centroid(incidents: readonly DetectionIncident[], members: readonly Member[]): { lat: number; lon: number } {
  let lat = 0;
  let lon = 0;
  for (const m of members) {
    lat += incidents[m.index]!.lat;
    lon += incidents[m.index]!.lon;
  }
  return { lat: lat / members.length, lon: lon / members.length };
}

function spread(incidents: readonly DetectionIncident[], members: readonly Member[]): number {
  const c = centroid(incidents, members);
  let r = 0;
  for (const m of members) r = Math.max(r, haversineKm(c.lat, c.lon, incidents[m.index]!.lat, incidents[m.index]!.lon));
  return r;
}

function linkedSeries(incidents: readonly DetectionIncident[], day: Int32Array, pool: readonly number[], o: Resolved): Series[] {
  return groupBySharedIdentifier(incidents, pool, Math.max(3, o.minCases)).map((g) => {
    const methodCounts = new Map<Method, number>();
    for (const i of g.indices) methodCounts.set(incidents[i]!.method, (methodCounts.get(incidents[i]!.method) ?? 0) + 1);
    let method: Method = incidents[g.indices[0]!]!.method;
    for (const m of METHODS) if ((methodCounts.get(m) ?? 0) > (methodCounts.get(method) ?? 0)) method = m;
    const first = incidents[g.indices[0]!]!;
    const days = g.indices.map((i) => day[i]!);
    const tie =
      g.kind === 'number'
        ? `came from the same caller number, ${first.callerNumber ?? g.key}`
        : `sent money to the same account or wallet, ${first.payeeAccount ?? g.key}`;
    return buildSeries(incidents, {
      kind: 'linked',
      method,
      members: g.indices.map((i) => ({ index: i, day: day[i]! })),
      // Reports sharing a number or account are evidence of one offender group, not an excess over a
      // rate, so there is no expected count: expected and relative risk are reported as 0.
      expected: 0,
      pValue: null,
      llr: null,
      significant: true,
      recurrenceDays: null,
      startDay: days.reduce((a, b) => Math.min(a, b)),
      endDay: days.reduce((a, b) => Math.max(a, b)),
      // An account number is not put in a link (ids travel in URLs and the audit trail): a digest stands in.
      idAnchor: g.kind === 'number' ? g.key : `account-${deriveSeed(0, g.key).toString(36)}`,
      explain: ({ count, areas, range }) => `${count} ${METHOD_PHRASES[method]} reports in ${areas} ${range} ${tie}.`,
    });
  });
}

/** Without detection's own record: a force-area baseline series spans the whole force; district ones
 * name a single district. */
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
export function foldNested(series: readonly Series[], forceWide: (s: Series) => boolean = isForceWide): Series[] {
  const bySize = [...series].sort((a, b) => b.count - a.count || (a.pValue ?? 1) - (b.pValue ?? 1));
  const kept: { s: Series; members: Set<string> }[] = [];
  for (const s of bySize) {
    const inside = kept.some(
      (k) =>
        k.s.method === s.method &&
        // Only like into like (and caller-number links into anything): a local space-time cluster or a
        // district's excess is a sharper claim than the force-wide surge around it, whatever the p-values
        // say — the scan's Monte-Carlo p can never beat a baseline's exact tail.
        (s.kind === 'linked' || (s.kind === k.s.kind && !(s.kind === 'baseline' && forceWide(k.s) && !forceWide(s)))) &&
        // A sharper small cluster (a lower p-value) stays its own card: "five victims in St Albans".
        (s.pValue === null || (k.s.pValue !== null && k.s.pValue <= s.pValue)) &&
        s.incidents.filter((r) => k.members.has(r)).length >= NESTED_SHARE * s.incidents.length,
    );
    if (!inside) kept.push({ s, members: new Set(s.incidents) });
  }
  return kept.map((k) => k.s);
}
