import type { AgeBand, Outcome } from '@scam/shared';
import { ageBandOf, MONTH_NAMES, readPayeeAccount } from '@scam/shared';
import { quoted } from './cell-text.js';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}
function fail<T>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}

// ---------------------------------------------------------------- dates

export const EARLIEST_DATE = '2000-01-01';

/** A Map, not an object: "1 constructor 2023" must not find Object.prototype.constructor as a month. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    jan: 1,
    january: 1,
    feb: 2,
    february: 2,
    mar: 3,
    march: 3,
    apr: 4,
    april: 4,
    may: 5,
    jun: 6,
    june: 6,
    jul: 7,
    july: 7,
    aug: 8,
    august: 8,
    sep: 9,
    sept: 9,
    september: 9,
    oct: 10,
    october: 10,
    nov: 11,
    november: 11,
    dec: 12,
    december: 12,
  }),
);

const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const UK_NUMERIC = new RegExp(String.raw`^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const UK_TEXT = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/]+([a-z]+)\.?,?[\s\-/]+(\d{4}|\d{2})$/i;
const US_TEXT = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Two-digit years are this century unless that would be after `today`'s year. */
function expandYear(digits: string, today: string | undefined): number {
  const y = Number(digits);
  if (digits.length === 4) return y;
  const thisYear = today ? Number(today.slice(0, 4)) : 2099;
  return 2000 + y > thisYear ? 1900 + y : 2000 + y;
}

function buildDate(year: number, month: number, day: number, written: string): ParseResult<string> {
  if (month < 1 || month > 12)
    return fail(`${quoted(written)} is not a date: there is no month ${month} (dates are read day first, DD/MM/YYYY)`);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return fail(`${quoted(written)} is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`);
  }
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}

function parseDateShape(text: string, today: string | undefined): ParseResult<string> {
  let m = ISO_DATE.exec(text);
  if (m) return buildDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
  m = UK_NUMERIC.exec(text);
  if (m) return buildDate(expandYear(m[4] ?? '', today), Number(m[3]), Number(m[1]), text);
  m = UK_TEXT.exec(text);
  if (m) {
    const month = MONTHS.get((m[2] ?? '').toLowerCase());
    if (month) return buildDate(expandYear(m[3] ?? '', today), month, Number(m[1]), text);
  }
  m = US_TEXT.exec(text);
  if (m) {
    const month = MONTHS.get((m[1] ?? '').toLowerCase());
    if (month) return buildDate(Number(m[3]), month, Number(m[2]), text);
  }
  return fail(`${quoted(text)} is not a date; write it as DD/MM/YYYY, e.g. 16/07/2018`);
}

/**
 * Reads a UK-style date (always day before month) into `YYYY-MM-DD`. Refuses impossible dates, dates before
 * 2000 and, when `today` (`YYYY-MM-DD`) is given, dates after it.
 */
export function parseDate(text: string, today?: string): ParseResult<string> {
  const t = text.trim();
  if (t === '') return fail('date is blank');
  const shape = parseDateShape(t, today);
  if (!shape.ok) return shape;
  if (shape.value < EARLIEST_DATE) return fail(`${quoted(t)} is before 2000; check the year`);
  if (today !== undefined && shape.value > today) return fail(`${quoted(t)} is in the future (today is ${today})`);
  return shape;
}

// ---------------------------------------------------------------- money

/** £100,000,000 in pence; anything larger is a typing slip, not a loss. */
export const MAX_LOSS_PENCE = 100_000_000 * 100;

const ZERO_WORDS = new Set(['nil', 'none', 'n/a', 'na', 'nothing', '-', '£-', '£ -', 'no loss']);
const AMOUNT = /^(?:(\d{1,3}(?:,\d{3})+)|(\d+))(?:\.(\d*))?$/;
/** Applied after whitespace is removed: `\s*gbp$` tried at every position of a long run of spaces is quadratic. */
const CURRENCY = /^(?:£|gbp)|gbp$/gi;

/** Reads an amount in pounds into integer pence by reading the digits; floats are never multiplied. */
export function parseMoneyToPence(text: string): ParseResult<number> {
  const t = text.trim();
  if (t === '' || ZERO_WORDS.has(t.toLowerCase())) return ok(0);
  if (/^[-−(]|^£\s*-\s*\d/.test(t)) return fail(`${quoted(t)} is negative; give the amount lost as a positive number`);
  const bare = t.replace(/\s+/g, '').replace(CURRENCY, '');
  const m = AMOUNT.exec(bare);
  if (!m) return fail(`${quoted(t)} is not an amount of money; write pounds and pence, e.g. 1234.56`);
  const pounds = (m[1] ?? m[2] ?? '').replace(/,/g, '');
  const pence = m[3] ?? '';
  if (pence.length > 2) return fail(`${quoted(t)} has more than two decimal places`);
  if (pounds.length > 12) return fail(`${quoted(t)} is far too large to be a loss`);
  const total = Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
  if (total > MAX_LOSS_PENCE) return fail(`${quoted(t)} is more than £100,000,000; check the amount`);
  return ok(total);
}

// ---------------------------------------------------------------- ages

export interface AgeValue {
  /** Exact age when one was given; null when only a band (or nothing) is known. */
  age: number | null;
  band: AgeBand;
}

const MAX_AGE = 120;
const UNKNOWN_AGES = new Set([
  '',
  'unknown',
  'not known',
  'nk',
  'n k',
  'n/k',
  'unk',
  'not given',
  'not stated',
  'withheld',
  'refused',
  'n/a',
  'na',
  '?',
  '-',
]);
const AGE_NOISE = /\b(?:in (?:her|his|their|the)|aged?|approx(?:imately)?|about|around|circa|years? old|years?|yrs?|y\/o|yo)\b|\bc\.|~/g;
const DIGIT_THEN_LETTER = /(\d)([a-z])/g;
const EXACT_AGE = /^(\d{1,3})$/;
const DECADE = /^(?:(?:early|mid|late|mid-)\s*)?(\d)0\s*'?s$/;
const RANGE = /^(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})$/;
const OPEN_ABOVE = /^(?:(\d{1,3})\s*(?:\+|and over|or over|plus)|over (\d{1,3})|(\d{1,3}) and above)$/;
const UNDER = /^(?:under|below|less than|<)\s*(\d{1,3})$/;
const TEENS = /^(?:(?:early|mid|late)\s*)?teens?$|^teenager$/;

/** The band holding most of the years lo..hi (the lower on a tie), so NFIB's "10-19" lands in "under 18". */
function bandOfRange(lo: number, hi: number): AgeBand {
  const counts = new Map<AgeBand, number>();
  for (let a = lo; a <= hi; a++) {
    const band = ageBandOf(a);
    counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  let best: AgeBand = ageBandOf(lo);
  let bestCount = 0;
  for (const [band, count] of counts) {
    if (count > bestCount) {
      best = band;
      bestCount = count;
    }
  }
  return best;
}

const AGE_HELP = 'give years (87), a decade (late 50s) or a band (70-79)';

/** Reads an exact age, a decade ("late 50s", "in her 80s") or a band ("70-79", "90+", "under 18"). */
export function parseAge(text: string): ParseResult<AgeValue> {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (UNKNOWN_AGES.has(t)) return ok({ age: null, band: 'unknown' });
  const s = t.replace(DIGIT_THEN_LETTER, '$1 $2').replace(AGE_NOISE, ' ').replace(/\s+/g, ' ').trim();
  let m = EXACT_AGE.exec(s);
  if (m) {
    const age = Number(m[1]);
    if (age > MAX_AGE) return fail(`age ${quoted(text.trim())} is outside 0–${MAX_AGE}`);
    return ok({ age, band: ageBandOf(age) });
  }
  m = DECADE.exec(s);
  if (m) {
    const decade = Number(m[1]) * 10;
    if (decade === 0) return fail(`${quoted(text.trim())} is not an age; ${AGE_HELP}`);
    return ok({ age: null, band: bandOfRange(decade, decade + 9) });
  }
  if (TEENS.test(s)) return ok({ age: null, band: bandOfRange(13, 19) });
  m = RANGE.exec(s);
  if (m) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    if (lo > hi || hi > MAX_AGE) return fail(`age band ${quoted(text.trim())} is not a range within 0–${MAX_AGE}`);
    return ok({ age: null, band: bandOfRange(lo, hi) });
  }
  m = OPEN_ABOVE.exec(s);
  if (m) {
    const lo = Number(m[1] ?? m[2] ?? m[3]);
    if (lo > MAX_AGE) return fail(`age ${quoted(text.trim())} is outside 0–${MAX_AGE}`);
    // An open band only says something when it sits inside one of our bands ("90+"); "70+" could be 70 or 95.
    if (ageBandOf(lo) !== ageBandOf(MAX_AGE)) {
      return fail(`${quoted(text.trim())} spans several age bands; ${AGE_HELP}`);
    }
    return ok({ age: null, band: ageBandOf(lo) });
  }
  m = UNDER.exec(s);
  if (m) {
    const limit = Number(m[1]);
    if (limit > 18 || limit === 0) return fail(`${quoted(text.trim())} spans several age bands; ${AGE_HELP}`);
    return ok({ age: null, band: 'under 18' });
  }
  return fail(`${quoted(text.trim())} is not an age; ${AGE_HELP}`);
}

// ---------------------------------------------------------------- outcomes

const NOT_LOST = /\b(?:no loss|not lost|nothing lost|no money lost|no financial loss|without loss)\b/;
const PREVENTED = /\b(?:stopped|prevented|prevention|blocked|intervention|intervened|intercepted|banking protocol|foiled)\b/;
const ATTEMPTED = /\b(?:attempt|attempted|attempts|unsuccessful|failed)\b/;
const LOST = /^(?:money lost|loss|lost|victim|losses|loss incurred|partial loss|full loss|money taken|paid)$/;
const OUTCOME_CODES: ReadonlySet<string> = new Set(['lost', 'attempted', 'prevented']);

export const ACCEPTED_OUTCOME_WORDS =
  'Money lost, Loss, Lost, Victim; Attempt no loss, No loss, Attempted, Not lost; Stopped by bank, Stopped by police, Prevented, Intervention, Blocked';

/** Reads the outcome wording; a blank outcome is `null` so the caller can derive it from the loss. */
export function parseOutcome(text: string): ParseResult<Outcome | null> {
  const s = text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (s === '') return ok(null);
  if (OUTCOME_CODES.has(s)) return ok(s as Outcome);
  if (NOT_LOST.test(s) && !PREVENTED.test(s)) return ok('attempted');
  if (PREVENTED.test(s)) return ok('prevented');
  if (ATTEMPTED.test(s)) return ok('attempted');
  if (LOST.test(s)) return ok('lost');
  return fail(`unknown outcome ${quoted(text.trim())}; use one of: ${ACCEPTED_OUTCOME_WORDS}`);
}

// ---------------------------------------------------------------- payee accounts

/**
 * Where the money went, as the store keeps it: a sort code and account number in one layout
 * ("20-00-00 12345678" however it was typed), a wallet or other account as typed; blank is `null`.
 */
export function parsePayeeAccount(text: string): ParseResult<string | null> {
  if (text === '') return ok(null);
  const read = readPayeeAccount(text);
  return read.ok ? ok(read.value) : fail(`${quoted(text)} ${read.reason}`);
}
