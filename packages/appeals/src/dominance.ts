/**
 * Dominance: a published total must not be made mostly of one or two people's losses. If one victim
 * lost £60,000 of "more than £70,000", everyone who knows that victim (and the victim) can tell the
 * others lost about £10,000 between them, and the others learn roughly what the victim lost.
 *
 * Statistical offices test every published total with (n, k) rules: the total is "dominated", and not
 * published as a figure, when its n largest contributions make up more than k of it. The appeals use the
 * two rules most of them apply together.
 */
export interface DominanceRule {
  /** How many of the largest contributions are added up. */
  n: 1 | 2;
  /** The share of the total (0–1) that they must not exceed. */
  k: number;
}

/** (1, 50 %): one loss is more than half; (2, 90 %): two losses are more than 90 % of the total. */
export const DOMINANCE_RULES: readonly DominanceRule[] = [
  { n: 1, k: 0.5 },
  { n: 2, k: 0.9 },
];

/**
 * The first rule a total made of `contributions` (each one person's loss, in pence) breaks, or null when
 * it breaks none or is nothing. Amounts of zero or less do not contribute. One contributor always breaks
 * (1, 50 %), and two always break (2, 90 %): a total of one or two losses tells each of them the other's.
 */
export function dominatedBy(contributions: readonly number[]): DominanceRule | null {
  const positive = contributions.filter((c) => c > 0).sort((a, b) => b - a);
  const total = positive.reduce((sum, c) => sum + c, 0);
  if (total <= 0) return null;
  for (const rule of DOMINANCE_RULES) {
    const largest = positive.slice(0, rule.n).reduce((sum, c) => sum + c, 0);
    if (largest > rule.k * total) return rule;
  }
  return null;
}

/** The rule in words for staff, without any figure: "one person's loss makes up more than half of it". */
export function describeRule(rule: DominanceRule, whole = 'it'): string {
  return rule.n === 1
    ? `one person's loss makes up more than half of ${whole}`
    : `two people's losses make up more than ${Math.round(rule.k * 100)}% of ${whole}`;
}

/**
 * A total in words that gives only its order of magnitude ("tens of thousands of pounds"), for a total
 * that is dominated. None of these contains a figure, so the checks never read them as an amount.
 */
export function lossMagnitudeWords(pence: number): string {
  const pounds = Math.max(0, Math.floor(pence)) / 100;
  if (pounds < 100) return 'a small sum';
  if (pounds < 1_000) return 'hundreds of pounds';
  if (pounds < 10_000) return 'thousands of pounds';
  if (pounds < 100_000) return 'tens of thousands of pounds';
  if (pounds < 1_000_000) return 'hundreds of thousands of pounds';
  if (pounds < 10_000_000) return 'millions of pounds';
  return 'tens of millions of pounds';
}

/** An amount of money as written in a release, with the words that bound it. */
export interface StatedAmount {
  /** Where the amount, with its qualifier ("more than £70,000"), is in the text. */
  start: number;
  end: number;
  text: string;
  /** The smallest and largest totals (pence, inclusive) the words can stand for. */
  low: number;
  high: number;
}

const ABOVE = String.raw`more than|over|in excess of|upwards of|at least|just over|well over`;
const BELOW = String.raw`less than|under|up to|almost|nearly|just under|close to|not quite`;
const ABOUT = String.raw`about|around|approximately|roughly|some|an estimated`;
const QUALIFIER = String.raw`(?:(${ABOVE})|(${BELOW})|(${ABOUT}))\s+`;
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
const SCALE = String.raw`(?:\s*(k|m|bn|thousand|million|billion)\b)?`;
/** "£70,000", "£70k", "£1.2 million", "70,000 pounds", each with an optional qualifier in front. */
const AMOUNT = new RegExp(String.raw`(?<![\w£])(?:${QUALIFIER})?(?:£\s?${NUMBER}${SCALE}|${NUMBER}${SCALE}\s*(?:pounds|GBP)\b)`, 'gi');

const SCALES: Record<string, number> = { k: 1_000, thousand: 1_000, m: 1_000_000, million: 1_000_000, bn: 1e9, billion: 1e9 };

/**
 * Every amount of money in `text`, each with the range of totals its words allow. The range is what a
 * writer rounding a total to the amount's own precision could have meant, where the precision `p` is the
 * value of its last non-zero digit (£70,000 → £10,000; £71,500 → £100; £1.2 million → £100,000), or
 * £5,000-style half steps for a two-figure amount starting 1 or 2 and ending 5 (£15,000 → £5,000), as
 * `formatMoneyRoundedDown` rounds:
 *
 * - "more than / over / at least X": X to X + p;
 * - "less than / under / almost / nearly X": X − p to X;
 * - a bare amount, or "about / around X": X − p to X + p (rounded either way).
 */
export function statedAmounts(text: string): StatedAmount[] {
  const found: StatedAmount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const [, above, below, , poundDigits, poundFraction, poundScale, wordDigits, wordFraction, wordScale] = m;
    const digits = (poundDigits ?? wordDigits ?? '').replace(/,/g, '');
    const fraction = poundFraction ?? wordFraction ?? '';
    const scale = SCALES[(poundScale ?? wordScale ?? '').toLowerCase()] ?? 1;
    const value = Math.round(Number(`${digits}.${fraction || '0'}`) * scale * 100);
    if (!(value > 0)) continue;
    const p = precisionPence(digits, fraction, scale);
    const low = above ? value : value - p;
    const high = below ? value : value + p;
    found.push({ start: m.index, end: m.index + m[0].length, text: m[0], low: Math.max(0, low), high });
  }
  return found;
}

function precisionPence(digits: string, fraction: string, scale: number): number {
  const trimmedFraction = fraction.replace(/0+$/, '');
  let unit: number;
  let significant: string;
  if (trimmedFraction.length > 0) {
    unit = 10 ** -trimmedFraction.length;
    significant = `${digits}${trimmedFraction}`.replace(/^0+/, '');
  } else {
    const zeros = /0*$/.exec(digits)?.[0].length ?? 0;
    unit = 10 ** zeros;
    significant = digits.slice(0, digits.length - zeros);
  }
  // £15,000 and £2,500 are the drafter's half steps (it rounds 15,600 down to "more than £15,000").
  if (significant.length === 2 && /^[12]5$/.test(significant)) unit *= 5;
  return Math.max(1, Math.round(unit * scale * 100));
}
