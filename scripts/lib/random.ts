/**
 * The distributions the demo generator needs, on top of the project's one seeded generator (sfc32
 * seeded through splitmix32, in the detection package). Math.random cannot be seeded, and the demo
 * data must be byte-identical for the same seed.
 */
import { createRng as createUniform, deriveSeed } from '@scam/detection';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  normal(mean?: number, sd?: number): number;
  /** Log-normal parameterised by its median (e^mu), which is easier to reason about than mu. */
  lognormal(median: number, sigma: number): number;
  poisson(lambda: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Fisher–Yates in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /**
   * An independent stream derived from this generator's seed and a label. Forks do not depend on how
   * much of the parent has been consumed, so adding a draw in one part of the generator does not
   * reshuffle every other part.
   */
  fork(label: string): Rng;
}

export function createRng(seed: number): Rng {
  const seed32 = seed >>> 0;
  const next = createUniform(seed32).next;

  const normal = (mean = 0, sd = 1): number => {
    // Box–Muller; 1 - next() keeps the logarithm away from zero.
    const u = 1 - next();
    const v = next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };

  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    normal,
    lognormal: (median, sigma) => median * Math.exp(normal(0, sigma)),
    poisson: (lambda) => {
      if (!(lambda > 0)) return 0;
      if (lambda > 30) {
        // Knuth's product method needs ~lambda draws and underflows for large lambda; the normal
        // approximation is accurate enough for weekly counts at high --scale.
        return Math.max(0, Math.round(normal(lambda, Math.sqrt(lambda))));
      }
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (items, weights) => weightedPicker(items, weights)(rng),
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i] as (typeof items)[number];
        items[i] = items[j] as (typeof items)[number];
        items[j] = tmp;
      }
      return items;
    },
    fork: (label) => createRng(deriveSeed(seed32, label)),
  };
  return rng;
}

/**
 * Precomputes cumulative weights once, so picking from a long list (towns, villages) is a binary
 * search rather than a linear scan per draw.
 */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (rng: Rng) => T {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('weightedPicker needs one non-negative weight per item and at least one item');
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0)) throw new RangeError(`weight must be non-negative, got ${w}`);
    total += w;
    cumulative.push(total);
  }
  if (total <= 0) throw new RangeError('weights sum to zero');
  return (rng) => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}
