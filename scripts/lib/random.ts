/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) and the distributions the demo generator
 * needs. Math.random cannot be seeded, and the demo data must be byte-identical for the same seed.
 */

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

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a, used only to turn fork labels into seed material. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function sfc32(seed: number): () => number {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = 1;
  const step = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // The first outputs of sfc32 are weakly mixed; the reference implementation discards a dozen.
  for (let i = 0; i < 12; i++) step();
  return step;
}

export function createRng(seed: number): Rng {
  const seed32 = seed >>> 0;
  const raw = sfc32(seed32);
  const next = (): number => raw() / 4294967296;

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
    fork: (label) => createRng((splitmix32(seed32 ^ hashLabel(label))() ^ hashLabel(`${label}#`)) >>> 0),
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
