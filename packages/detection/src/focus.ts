/**
 * Where in its area a surge sits. The temporal scan finds that an area (the force, a district, a town)
 * had more reports than usual in some weeks; the card then lists every report of the area and weeks.
 * A surge often sits in one corner of its area — ten calls in four days in north Watford, Oxhey and
 * Bushey inside a force-wide week — and the area's other reports of those weeks are ordinary ones.
 *
 * So the card keeps the circle, centred on a member's place, where the excess is sharpest: the one with
 * the largest expectation-based Poisson likelihood ratio c·ln(c/e) − (c − e) (Neill's expectation-based
 * scan statistic), where c is the members inside the circle and e the area's expected count for the
 * weeks times the circle's usual share of the area's reports (from every report of the area outside the
 * weeks). The whole area is one of the candidates, so a surge spread over all of it keeps every member.
 * A circle is only taken if the excess is concentrated in it — more of the members fall inside than its
 * share of the expectation explains (binomial upper tail at most FOCUS_CONCENTRATION_P) — and if what it
 * leaves out looks ordinary: the members outside it must not be
 * themselves in excess of the rest of the expectation (upper Poisson tail above FOCUS_OUTSIDE_P). A
 * county-wide surge is denser in some half of the county by chance; its other half is still far above
 * its usual count, so the card stays county-wide.
 * This only decides which reports the card lists; significance stays the area scan's.
 */
import { haversineKm } from './geo.js';
import { binomialUpperTail, poissonUpperTail } from './tails.js';

export interface FocusPoint {
  lat: number;
  lon: number;
}

export interface Focus {
  /** Indices into `members` of those inside the circle. */
  inside: number[];
  /** Index into `members` of the centre's member, or null when the whole area is kept. */
  centre: number | null;
  radiusKm: number;
  /** The expected count inside the circle. */
  expected: number;
}

/** A circle must keep at least this share of the area's members: a card is narrowed, never split. */
export const FOCUS_MIN_SHARE = 0.5;

/** What a narrowed card leaves out must be at least this likely as ordinary reports. */
export const FOCUS_OUTSIDE_P = 0.05;

/** The members inside a narrowed card must be this unlikely under a surge spread like the usual reports. */
export const FOCUS_CONCENTRATION_P = 0.001;

const ebpLlr = (c: number, e: number): number => (c > e ? c * Math.log(c / e) - (c - e) : 0);

/**
 * @param members the area's reports in the weeks found
 * @param usual the area's reports outside those weeks (their spread is the area's usual one)
 * @param expected the area's expected count for the weeks
 * @param minCases fewest members a narrowed card may keep
 */
export function focusSurge(members: readonly FocusPoint[], usual: readonly FocusPoint[], expected: number, minCases: number): Focus {
  const whole: Focus = { inside: members.map((_, i) => i), centre: null, radiusKm: Infinity, expected };
  if (members.length === 0 || expected <= 0) return whole;
  const need = Math.max(minCases, Math.ceil(FOCUS_MIN_SHARE * members.length));
  let best = whole;
  let bestLlr = ebpLlr(members.length, expected);
  for (let ci = 0; ci < members.length; ci++) {
    const centre = members[ci]!;
    const dm = members.map((m) => haversineKm(centre.lat, centre.lon, m.lat, m.lon));
    const du = usual.map((u) => haversineKm(centre.lat, centre.lon, u.lat, u.lon)).sort((a, b) => a - b);
    const radii = [...new Set(dm)].sort((a, b) => a - b);
    let u = 0;
    for (const r of radii) {
      const inside: number[] = [];
      dm.forEach((d, i) => {
        if (d <= r + 1e-9) inside.push(i);
      });
      if (inside.length < need || inside.length === members.length) continue;
      while (u < du.length && du[u]! <= r + 1e-9) u++;
      // Half a report of pseudo-count: a circle with no usual reports is unusual, not infinitely so.
      const e = (expected * (u + 0.5)) / (usual.length + 1);
      const llr = ebpLlr(inside.length, e);
      if (
        llr > bestLlr &&
        binomialUpperTail(inside.length, members.length, Math.min(1, e / expected)) <= FOCUS_CONCENTRATION_P &&
        poissonUpperTail(members.length - inside.length, Math.max(0, expected - e)) > FOCUS_OUTSIDE_P
      ) {
        bestLlr = llr;
        best = { inside, centre: ci, radiusKm: r, expected: e };
      }
    }
  }
  return best;
}
