/**
 * The press releases' four series in twenty seeded three-year backgrounds: each should come back as one
 * card whose members overlap the truth (Jaccard) when the analyst looks back over the whole three years
 * and when they look at the series' own weeks; the winter series should already show prospectively on
 * 18 December; and on pure background the share of method-runs reporting anything must stay at or
 * below alpha. The figures are printed for the closing note and docs/detection.md.
 *
 * The truth is what each release counts: every report of its kind (courier fraud, caller posing as
 * police) in its places and weeks, to its figure (`asReleased`). The background already holds some such
 * reports, so only the rest of the figure is embedded. Nothing in the data tells those background
 * reports from the embedded ones, and the police who wrote "27 residents since the start of December"
 * counted them too. The Jaccard against the embedded reports alone is printed beside it.
 */
import type { Series } from '@scam/shared';
import { addDays, METHODS } from '@scam/shared';
import { describe, expect, it } from 'vitest';
import { detectSeries } from './detect.js';
import {
  aprilCourierSeries,
  asReleased,
  augustStAlbansSeries,
  background,
  decemberCountySurge,
  julyWatfordCalls,
} from './test-support/herts.js';
import type { ReleaseSeries } from './test-support/herts.js';
import type { DetectionIncident } from './types.js';
import type { DetectOptions } from './types.js';

const SEEDS = Array.from({ length: Number(process.env.PRESS_SEEDS ?? 20) }, (_, i) => 101 + i);
const ALPHA = 0.05;
/** 199 replicates resolve p ≤ 0.05 (rank ≤ 10) and keep twenty three-year runs within a minute. */
const REPLICATES = 199;
const VIEW = { from: '2018-02-01', to: '2021-01-31' };
/** The watch runs up to 18 December: after the weekly returns to 6 and 13 December, and on the day. */
const WATCH_LOOKS = ['2020-12-06', '2020-12-13', '2020-12-18'];
/** What the watch run looks at (`WATCH_DAYS` in the API's series service): the latest twelve weeks. */
const WATCH_DAYS = 84;

interface Truth {
  name: string;
  /** The reports the release counts (its figure): the embedded ones and the background's of the same
   * kind, places and weeks. */
  references: string[];
  /** The embedded reports alone, printed beside: no analyst could tell them from the rest. */
  embedded: string[];
  /** The series' own weeks, as an analyst would set the dates. */
  own: { from: string; to: string };
}

function scenario(seed: number): { incidents: DetectionIncident[]; truths: Truth[] } {
  // 2017 is history for the baseline; the three-year view is February 2018 to January 2021.
  const bg = background(seed, '2017-02-01', '2021-01-31');
  const police = { method: 'courier', impersonated: 'police' } as const;
  const july = asReleased(bg, julyWatfordCalls(seed), {
    ...police,
    places: ['North Watford', 'Oxhey', 'South Oxhey', 'Rickmansworth', 'Bushey'],
    from: '2018-07-09',
    to: '2018-07-12',
    figure: 10,
  });
  const a = aprilCourierSeries(seed);
  const april = asReleased(
    bg,
    { incidents: [...a.core.incidents, ...a.scattered.incidents], references: [...a.core.references, ...a.scattered.references] },
    { ...police, places: null, from: '2019-04-01', to: '2019-04-29', figure: 30 },
  );
  const august = asReleased(bg, augustStAlbansSeries(seed), {
    ...police,
    places: ['St Albans'],
    from: '2020-08-01',
    to: '2020-08-26',
    figure: 5,
  });
  const december = asReleased(bg, decemberCountySurge(seed), { ...police, places: null, from: '2020-12-01', to: '2021-01-10', figure: 27 });
  const truth = (name: string, r: ReleaseSeries, own: Truth['own']): Truth => ({ name, references: r.truth, embedded: r.embedded, own });
  return {
    incidents: [...bg, ...july.incidents, ...april.incidents, ...august.incidents, ...december.incidents],
    truths: [
      truth('July 2018', july, { from: '2018-07-02', to: '2018-07-15' }),
      truth('April 2019', april, { from: '2019-04-01', to: '2019-04-30' }),
      truth('August 2020', august, { from: '2020-08-01', to: '2020-08-31' }),
      truth('December 2020', december, { from: '2020-12-01', to: '2021-01-12' }),
    ],
  };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  return inter / (sa.size + b.length - inter);
}

function bestCard(series: readonly Series[], truth: readonly string[]): { card: Series | undefined; j: number } {
  let card: Series | undefined;
  let j = 0;
  for (const s of series) {
    const x = jaccard(s.incidents, truth);
    if (x > j) {
      card = s;
      j = x;
    }
  }
  return { card, j };
}

const run = (incidents: readonly DetectionIncident[], seed: number, opts: Partial<DetectOptions> & { from: string; to: string }) =>
  detectSeries(incidents, { replicates: REPLICATES, seed, forceAreaName: 'Hertfordshire', method: 'courier', ...opts });

describe(`press-release series over ${SEEDS.length} seeded three-year backgrounds`, () => {
  const scores = new Map<string, { whole: number[]; own: number[]; wholeEmbedded: number[]; ownEmbedded: number[] }>();
  const prospective: number[] = [];
  const overview: number[] = [];
  for (const seed of SEEDS) {
    const { incidents, truths } = scenario(seed);
    const whole = run(incidents, seed, VIEW);
    for (const t of truths) {
      const own = run(incidents, seed, t.own);
      const s = scores.get(t.name) ?? { whole: [], own: [], wholeEmbedded: [], ownEmbedded: [] };
      const w = bestCard(whole.series, t.references);
      const o = bestCard(own.series, t.references);
      s.whole.push(w.j);
      s.own.push(o.j);
      s.wholeEmbedded.push(w.card ? jaccard(w.card.incidents, t.embedded) : 0);
      s.ownEmbedded.push(o.card ? jaccard(o.card.incidents, t.embedded) : 0);
      scores.set(t.name, s);
    }
    // The watch run after each weekly return looks prospectively at the latest twelve weeks, and a
    // series it flags stays on the overview until an analyst decides. So on 18 December the overview
    // shows what the runs after the returns of 6 and 13 December flagged, and what a run that day flags.
    const dec = truths.find((t) => t.name === 'December 2020')!;
    let shown = 0;
    for (const look of WATCH_LOOKS) {
      const upTo = incidents.filter((i) => i.offenceDate <= look);
      const p = run(upTo, seed, { from: addDays(look, -(WATCH_DAYS - 1)), to: look, mode: 'prospective' });
      const known = dec.references.filter((r) => upTo.some((i) => i.reference === r));
      const j = bestCard(p.series, known).j;
      // The latest look that found it is the card the overview shows.
      if (j >= 0.5 || shown < 0.5) shown = j;
      if (look === '2020-12-18') prospective.push(j);
    }
    overview.push(shown);
  }

  const summary = (xs: readonly number[]) =>
    `min ${Math.min(...xs).toFixed(2)}, median ${[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2)}, mean ${mean(xs).toFixed(2)}, ` +
    `found (≥ 0.5) ${xs.filter((x) => x >= 0.5).length}/${xs.length}, ≥ 0.8 ${xs.filter((x) => x >= 0.8).length}/${xs.length}`;
  for (const [name, s] of scores) {
    console.log(`${name}: Jaccard over three years ${summary(s.whole)}; in its own weeks ${summary(s.own)}`);
    console.log(
      `${name}, same cards against the embedded reports alone: over three years ${summary(s.wholeEmbedded)}; in its own weeks ${summary(s.ownEmbedded)}`,
    );
  }
  console.log(`December 2020 prospectively on 18 December: Jaccard ${summary(prospective)}`);
  console.log(`December 2020 on the overview on 18 December (watch runs of 6, 13 and 18 December): Jaccard ${summary(overview)}`);

  // What the engine achieves over these backgrounds, measured, held a little under the figures printed
  // above so that a change that loses ground fails. The issue asks for Jaccard ≥ 0.8 in every seed; that
  // is not reached yet (see docs/detection.md, "How well it finds the press releases' series").
  const atLeast = (share: number): number => Math.ceil(share * SEEDS.length);
  it.each(['July 2018', 'April 2019', 'December 2020'])('%s comes back as one close card over three years and in its own weeks', (name) => {
    const s = scores.get(name)!;
    for (const xs of [s.whole, s.own]) {
      expect(xs.filter((x) => x >= 0.5).length).toBeGreaterThanOrEqual(atLeast(0.95));
      expect(xs.filter((x) => x >= 0.8).length).toBeGreaterThanOrEqual(atLeast(0.8));
      expect(mean(xs)).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('August 2020 (five reports in one town) is one card in its own weeks; over three years as power allows', () => {
    const s = scores.get('August 2020')!;
    expect(s.own.filter((x) => x >= 0.8).length).toBeGreaterThanOrEqual(atLeast(0.85));
    // Five reports in three weeks in a town with ~6 a year is at the edge of what a three-year look can
    // tell from chance at alpha 0.05 across every town, district, kind of caller and week.
    expect(s.whole.filter((x) => x >= 0.8).length).toBeGreaterThanOrEqual(atLeast(0.3));
  });

  it('has the winter series on the overview on 18 December in nearly every seed', () => {
    expect(overview.filter((x) => x >= 0.5).length).toBeGreaterThanOrEqual(atLeast(0.85));
  });

  it('finds the winter series in a single prospective look on 18 December in most seeds', () => {
    // By 18 December the release's 27 are about 12 reports in 18 days against about 3.5 usual.
    expect(prospective.filter((x) => x >= 0.5).length).toBeGreaterThanOrEqual(atLeast(0.7));
  });
});

describe('false alarms on pure three-year background', () => {
  it(`stay at or below alpha per method over ${SEEDS.length} seeds`, () => {
    let methodRuns = 0;
    let flagged = 0;
    for (const seed of SEEDS) {
      const incidents = background(seed + 5000, '2017-02-01', '2021-01-31');
      const r = detectSeries(incidents, { ...VIEW, replicates: REPLICATES, seed, alpha: ALPHA });
      methodRuns += METHODS.length;
      flagged += new Set(r.series.map((s) => s.method)).size;
    }
    const rate = flagged / methodRuns;
    console.log(`false alarms: ${flagged}/${methodRuns} method-runs reported a series (${rate.toFixed(3)}; alpha ${ALPHA})`);
    // Each of the two detectors runs at alpha / 2, so a method-run alarms with probability at most alpha;
    // the bound allows two binomial standard errors over 140 method-runs.
    expect(rate).toBeLessThanOrEqual(ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / methodRuns));
  });
});
