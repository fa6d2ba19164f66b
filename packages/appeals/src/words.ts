const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const grouped = new Intl.NumberFormat('en-GB');

/** Press style: one to nine in words, 10 and over in figures. */
export function countInProse(n: number): string {
  return n >= 0 && n < 10 ? (UNITS[n] ?? grouped.format(n)) : grouped.format(n);
}

/** A count that opens a sentence: spelled out below 100 (a sentence never starts with figures). */
export function countAtSentenceStart(n: number): string {
  if (n >= 0 && n < 20) return capitalise(UNITS[n] ?? String(n));
  if (n < 100) {
    const tens = TENS[Math.floor(n / 10)] ?? '';
    const unit = n % 10 === 0 ? '' : `-${UNITS[n % 10] ?? ''}`;
    return capitalise(tens + unit);
  }
  return grouped.format(n);
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "A", "A and B", "A, B and C" (no Oxford comma, as in the force's releases). */
export function joinWith(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
