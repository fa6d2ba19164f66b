import type { Channel, ColumnMapping, Impersonated, ImportField, Incident, Outcome, RowError, RowNotice } from '@scam/shared';
import type { Gazetteer, PlaceResolution } from './gazetteer.js';
import { charCount, excerpt, exceedsChars, quoted, refusedCharacter, stripHidden, trimLineSpace, withoutTextMark } from './cell-text.js';
import { parseCsv, type CsvRow } from './csv.js';
import { MAX_CELL_CHARS, MAX_REFERENCE_CHARS } from './limits.js';
import { mapHeaders } from './headers.js';
import { referenceCharacterProblem, referenceKey } from './reference.js';
import type { AgeValue, ParseResult } from './values.js';
import { parseAge, parseDate, parseMoneyToPence, parseOutcome, parsePayeeAccount } from './values.js';
import type { MethodClassification } from './methods.js';
import { classifyMethod, deriveChannel, deriveImpersonated } from './methods.js';

/** An incident as the store will hold it: the wire shape without what only the store assigns. */
export type NormalisedIncident = Omit<Incident, 'id' | 'batchId' | 'createdAt' | 'updatedAt'>;

export interface NormaliseContext {
  gazetteer: Gazetteer;
  /** `YYYY-MM-DD`; offence and report dates after it are refused as future dates. */
  today: string;
}

export type RowOutcome =
  | { line: number; ok: true; incident: NormalisedIncident; notices: readonly RowNotice[] }
  | { line: number; ok: false; errors: RowError[]; raw: Record<string, string> };

/** Shared by every row without a notice (nearly all of them), so a clean row allocates no list. */
const NO_NOTICES: readonly RowNotice[] = Object.freeze([]);

/**
 * A town outside the force area is imported where it is (the victim may live elsewhere, or the return
 * may carry another force's report), but the person importing is told, so a mistyped town that happens
 * to exist in another county does not go unseen.
 */
function outsideNotice(line: number, column: string, townRaw: string, resolution: PlaceResolution, forceArea: string): RowNotice[] {
  if (!resolution.ok || resolution.match !== 'national') return [];
  const { place } = resolution;
  const where =
    resolution.level === 'district'
      ? `placed at the centre of ${place.district} (${place.county})`
      : `placed at ${place.name} (${place.district}, ${place.county})`;
  return [
    {
      line,
      column,
      value: excerpt(townRaw),
      message: `outside ${forceArea}: accepted and ${where}; check the town if the report belongs to ${forceArea}`,
    },
  ];
}

export interface NormalisedFile {
  headers: string[];
  delimiter: ',' | ';';
  mapping: ColumnMapping[];
  rows: RowOutcome[];
}

/** Column index per field (-1 when unmapped), resolved once per mapping rather than once per row. */
type Plan = Record<ImportField, number>;
const plans = new WeakMap<ColumnMapping[], Plan>();

function planFor(headers: string[], mapping: ColumnMapping[]): Plan {
  let plan = plans.get(mapping);
  if (plan) return plan;
  plan = {
    reference: -1,
    offenceDate: -1,
    offenceDateTo: -1,
    reportDate: -1,
    town: -1,
    method: -1,
    loss: -1,
    outcome: -1,
    age: -1,
    summary: -1,
    impersonated: -1,
    channel: -1,
    postcodeDistrict: -1,
    callerNumber: -1,
    payeeAccount: -1,
  };
  mapping.forEach((m, i) => {
    if (m.field === null || !plan) return;
    const index = headers[i] === m.header ? i : headers.indexOf(m.header);
    if (index !== -1 && plan[m.field] === -1) plan[m.field] = index;
  });
  plans.set(mapping, plan);
  return plan;
}

/**
 * Caches for the pure parsers, keyed by the cell as written: a weekly return repeats a handful of dates,
 * methods and outcomes thousands of times. Each is cleared when full so unique values cannot grow it forever.
 */
const CACHE_LIMIT = 20_000;
/** Longer keys are computed, not cached, so the caches hold at most CACHE_LIMIT short strings between imports. */
const CACHED_KEY_CHARS = 500;
function cached<T>(cache: Map<string, T>, key: string, compute: (k: string) => T): T {
  if (key.length > CACHED_KEY_CHARS) return compute(key);
  let v = cache.get(key);
  if (v === undefined) {
    v = compute(key);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, v);
  }
  return v;
}
/** Two-digit years and the future-date check depend on `today`, so dates are cached per day. */
const dateCaches = new Map<string, Map<string, ParseResult<string>>>();
const methodCache = new Map<string, MethodClassification>();
const outcomeCache = new Map<string, ParseResult<Outcome | null>>();
const ageCache = new Map<string, ParseResult<AgeValue>>();
const derivedCache = new Map<string, { impersonated: Impersonated; channel: Channel }>();

/** Undoes the apostrophe rejectedRowsCsv puts before formula-like cells, so a fixed file re-imports cleanly. */
const NEUTRALISED = /^'[=+\-@\t\r]/;

const POSTCODE_DISTRICT = /^([A-Z]{1,2}\d[A-Z\d]?)(?:\s*\d[A-Z]{2})?$/;

/**
 * Free text, where hidden characters (zero-width, bidi controls) are dropped: the keyword rules read the
 * words either way. Every other column identifies the incident or is parsed as a value, and a hidden
 * character there is refused, because what the clerk sees would not be what is stored or read.
 */
const FREE_TEXT_FIELDS: ReadonlySet<ImportField> = new Set(['summary', 'method', 'outcome', 'impersonated', 'channel']);
const REFUSAL_CONSEQUENCE: Partial<Record<ImportField, string>> = {
  reference: 'look-alike references cannot be stored',
  town: 'look-alike town names cannot be stored',
  callerNumber: 'look-alike numbers cannot be stored',
  payeeAccount: 'look-alike accounts cannot be stored',
};
const DEFAULT_REFUSAL_CONSEQUENCE = 'what is read could differ from what is shown; retype the value';

/**
 * The method from its own column; when that wording names no method (a record system's offence title such
 * as "Fraud by false representation"), from the notes, which describe what happened. The rule says which.
 */
function classifyWithNotes(methodRaw: string, summary: string): MethodClassification {
  const fromMethod = cached(methodCache, methodRaw, classifyMethod);
  if (!fromMethod.rule.startsWith('default:') || summary === '') return fromMethod;
  const fromNotes = cached(methodCache, summary, classifyMethod);
  return fromNotes.rule.startsWith('default:') ? fromMethod : { method: fromNotes.method, rule: `notes:${fromNotes.rule}` };
}

function datePart(cell: string, today: string): ParseResult<string> {
  let cache = dateCaches.get(today);
  if (!cache) {
    if (dateCaches.size > 4) dateCaches.clear();
    cache = new Map();
    dateCaches.set(today, cache);
  }
  return cached(cache, cell, (c) => parseDate(c, today));
}

function unNeutralise(v: string): string {
  return v.charCodeAt(0) === 0x27 && NEUTRALISED.test(v) ? v.slice(1) : v;
}

/**
 * The cells by header as written. Without a prototype, so a column called "constructor" or "__proto__"
 * is kept like any other instead of colliding with Object.prototype.
 */
function rawRecord(headers: string[], cells: string[]): Record<string, string> {
  const raw = Object.create(null) as Record<string, string>;
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i] as string;
    if (!Object.hasOwn(raw, h)) raw[h] = cells[i] ?? '';
  }
  return raw;
}

/**
 * Normalises one row as parseCsv returns it (cells already NFC); every problem in the row is reported,
 * not just the first.
 */
export function normaliseRow(
  row: { line: number; cells: string[] },
  headers: string[],
  mapping: ColumnMapping[],
  ctx: NormaliseContext,
): RowOutcome {
  const { line, cells } = row;
  // Strict even when the extra cells are blank: "Watford, Herts" unquoted shifts every later cell by one,
  // and the shifted values can look valid.
  if (cells.length !== headers.length) {
    return {
      line,
      ok: false,
      errors: [
        {
          line,
          column: '',
          value: '',
          reason: `row has ${cells.length} cells but the header has ${headers.length}; look for an unquoted comma or a missing cell`,
        },
      ],
      raw: rawRecord(headers, cells),
    };
  }

  const plan = planFor(headers, mapping);
  const errors: RowError[] = [];
  const errorAt = (index: number, value: string, reason: string): void => {
    errors.push({ line, column: headers[index] ?? '', value: excerpt(value), reason });
  };
  const error = (field: ImportField, value: string, reason: string): void => errorAt(plan[field], value, reason);

  // Every cell, mapped or not: the row is kept whole for the rejected-rows file, and nothing reads a giant cell.
  const tooLong = new Set<number>();
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string;
    if (exceedsChars(c, MAX_CELL_CHARS)) {
      tooLong.add(i);
      errorAt(
        i,
        c,
        `cell is ${charCount(c).toLocaleString('en-GB')} characters long; the limit is ${MAX_CELL_CHARS.toLocaleString('en-GB')}`,
      );
    }
  }

  /** Fields whose cell was refused (too long, or a hidden character): their error is already recorded. */
  const refused = new Set<ImportField>();
  const cell = (field: ImportField): string => {
    const index = plan[field];
    if (index === -1) return '';
    if (tooLong.has(index)) {
      refused.add(field);
      return '';
    }
    const raw = cells[index] ?? '';
    if (FREE_TEXT_FIELDS.has(field)) return unNeutralise(stripHidden(raw).trim());
    const value = trimLineSpace(raw);
    const hidden = refusedCharacter(value);
    if (hidden !== null) {
      refused.add(field);
      error(field, value, `${hidden}; ${REFUSAL_CONSEQUENCE[field] ?? DEFAULT_REFUSAL_CONSEQUENCE}`);
      return '';
    }
    return withoutTextMark(value.trim());
  };
  const required = (field: ImportField, value: string, label: string): boolean => {
    if (value === '' && !refused.has(field)) error(field, value, `${label} is blank`);
    return value !== '';
  };

  const reference = cell('reference');
  if (required('reference', reference, 'reference')) {
    const badCharacter = referenceCharacterProblem(reference);
    if (exceedsChars(reference, MAX_REFERENCE_CHARS)) {
      error('reference', reference, `reference is ${charCount(reference)} characters long; the limit is ${MAX_REFERENCE_CHARS}`);
    } else if (badCharacter !== null) error('reference', reference, badCharacter);
  }

  const offenceCell = cell('offenceDate');
  let offenceDate = '';
  if (required('offenceDate', offenceCell, 'offence date')) {
    const d = datePart(offenceCell, ctx.today);
    if (d.ok) offenceDate = d.value;
    else error('offenceDate', offenceCell, d.reason);
  }

  const toCell = cell('offenceDateTo');
  let offenceDateTo: string | null = null;
  if (toCell !== '') {
    const d = datePart(toCell, ctx.today);
    if (!d.ok) error('offenceDateTo', toCell, d.reason);
    else if (offenceDate !== '' && d.value < offenceDate) {
      error('offenceDateTo', toCell, `committed up to ${d.value}, before the offence date ${offenceDate}`);
    } else offenceDateTo = d.value;
  }

  const reportCell = cell('reportDate');
  let reportDate: string | null = null;
  if (reportCell !== '') {
    const d = datePart(reportCell, ctx.today);
    if (!d.ok) error('reportDate', reportCell, d.reason);
    else if (offenceDate !== '' && d.value < offenceDate) {
      error('reportDate', reportCell, `reported on ${d.value}, before the offence date ${offenceDate}`);
    } else reportDate = d.value;
  }

  const postcodeCell = cell('postcodeDistrict');
  let postcodeDistrict: string | null = null;
  if (postcodeCell !== '') {
    const m = POSTCODE_DISTRICT.exec(postcodeCell.toUpperCase());
    if (m) postcodeDistrict = m[1] ?? null;
    else error('postcodeDistrict', postcodeCell, `${quoted(postcodeCell)} is not a postcode district such as SG1 or WD17`);
  }

  const townRaw = cell('town');
  let resolution: PlaceResolution | null = null;
  if (required('town', townRaw, 'town')) {
    resolution = ctx.gazetteer.resolve(townRaw, postcodeDistrict);
    if (!resolution.ok) error('town', townRaw, resolution.reason);
  }

  const methodRaw = cell('method');
  required('method', methodRaw, 'method');

  const lossCell = cell('loss');
  const loss = parseMoneyToPence(lossCell);
  if (!loss.ok) error('loss', lossCell, loss.reason);
  const lossPence = loss.ok ? loss.value : 0;

  const outcomeRaw = cell('outcome');
  const parsedOutcome = cached(outcomeCache, outcomeRaw, parseOutcome);
  let outcome: Outcome = 'attempted';
  if (!parsedOutcome.ok) error('outcome', outcomeRaw, parsedOutcome.reason);
  else if (parsedOutcome.value === null) outcome = lossPence > 0 ? 'lost' : 'attempted';
  else {
    outcome = parsedOutcome.value;
    // "Attempted" means nothing was lost, so a loss beside it is a contradiction the clerk must settle.
    // "Prevented" may still carry a partial loss (the bank stopped the second transfer, not the first),
    // and "lost" with no amount is allowed because the amount is often not known at the first report.
    if (outcome === 'attempted' && loss.ok && lossPence > 0) {
      error('outcome', outcomeRaw, `loss given (${excerpt(lossCell)}) but outcome says nothing was lost`);
    }
  }

  const ageCell = cell('age');
  const age = cached(ageCache, ageCell, parseAge);
  if (!age.ok) error('age', ageCell, age.reason);

  const callerNumber = cell('callerNumber');
  const payeeCell = cell('payeeAccount');
  const payee = parsePayeeAccount(payeeCell);
  if (!payee.ok) error('payeeAccount', payeeCell, payee.reason);
  const summary = cell('summary');
  const methodClass = classifyWithNotes(methodRaw, summary);
  const impersonatedCell = cell('impersonated');
  const channelCell = cell('channel');

  if (errors.length > 0 || resolution === null || !resolution.ok || !age.ok || !payee.ok) {
    return { line, ok: false, errors, raw: rawRecord(headers, cells) };
  }

  const derived = cached(derivedCache, `${methodRaw}\u0000${summary}\u0000${impersonatedCell}\u0000${channelCell}`, () => ({
    impersonated: deriveImpersonated(methodRaw, summary, impersonatedCell),
    channel: deriveChannel(methodRaw, summary, channelCell),
  }));
  const place = resolution.place;
  const notices =
    resolution.match === 'national'
      ? outsideNotice(line, headers[plan.town] ?? '', townRaw, resolution, ctx.gazetteer.forceArea)
      : NO_NOTICES;

  return {
    line,
    ok: true,
    notices,
    incident: {
      reference,
      offenceDate,
      offenceDateTo,
      reportDate,
      townRaw,
      place: place.name,
      district: place.district,
      districtCode: place.districtCode,
      county: place.county,
      lat: place.lat,
      lon: place.lon,
      placeMatch: resolution.match,
      postcodeDistrict,
      method: methodClass.method,
      methodRaw,
      methodRule: methodClass.rule,
      impersonated: derived.impersonated,
      channel: derived.channel,
      lossPence,
      outcome,
      outcomeRaw,
      victimAge: age.value.age,
      ageBand: age.value.band,
      callerNumber: callerNumber === '' ? null : callerNumber,
      payeeAccount: payee.value,
      summary,
    },
  };
}

export interface NormaliseOptions extends NormaliseContext {
  mapping?: Record<string, string> | undefined;
  /** The mapping confirmed by hand for this header line before, if any (looked up by the caller). */
  remembered?: (headers: string[]) => Record<string, string> | undefined;
  /**
   * Records that `key` (a reference as written, upper-cased) is on `line` and answers the line it was
   * first seen on, or undefined when this is the first time. Defaults to a Map; a caller streaming
   * millions of rows passes one backed by storage so memory does not grow with the file.
   */
  firstLineOf?: (key: string, line: number) => number | undefined;
  /**
   * The stored reference that looks like `reference` (the same `referenceKey`) but is written
   * differently, if any (looked up by the caller). Such a row is refused: stored beside the other, it
   * would be a second incident nobody could tell from the first.
   */
  storedLookalike?: (reference: string, key: string) => string | undefined;
}

export interface RowNormaliser {
  mapping: ColumnMapping[];
  /** Normalises one row; a reference repeated in the file is refused on its later lines. */
  normalise(row: CsvRow): RowOutcome;
}

/** Decides the mapping from the header line once, then normalises rows one at a time in file order. */
export function createRowNormaliser(headers: string[], opts: NormaliseOptions): RowNormaliser {
  const mapping = mapHeaders(headers, opts.mapping, opts.remembered?.(headers));
  const ctx: NormaliseContext = { gazetteer: opts.gazetteer, today: opts.today };
  const referenceIndex = planFor(headers, mapping).reference;
  const referenceHeader = headers[referenceIndex] ?? '';
  const firstLineOf =
    opts.firstLineOf ??
    ((): ((key: string, line: number) => number | undefined) => {
      const seen = new Map<string, number>();
      return (key, line) => {
        const first = seen.get(key);
        if (first === undefined) seen.set(key, line);
        return first;
      };
    })();
  return {
    mapping,
    normalise(row) {
      const outcome = normaliseRow(row, headers, mapping, ctx);
      const written = (row.cells[referenceIndex] ?? '').trim();
      if (written === '') return outcome;
      // Keyed by look-alike skeleton, so `HX/09/1` and `hx/O9/l` on two lines are the same reference twice.
      const key = referenceKey(written);
      const first = firstLineOf(key, row.line);
      const refusal = (reason: string): RowOutcome => {
        const e: RowError = { line: row.line, column: referenceHeader, value: excerpt(written), reason };
        return outcome.ok
          ? { line: row.line, ok: false, errors: [e], raw: rawRecord(headers, row.cells) }
          : { ...outcome, errors: [...outcome.errors, e] };
      };
      if (first !== undefined) {
        return refusal(
          `reference ${quoted(written)} already appears on line ${first} of this file (as written, or in look-alike characters)`,
        );
      }
      if (!outcome.ok || !opts.storedLookalike) return outcome;
      const stored = opts.storedLookalike(outcome.incident.reference, key);
      if (stored === undefined) return outcome;
      return refusal(
        `reference ${quoted(written)} differs from the stored reference ${quoted(stored)} only by look-alike characters or case; write it as stored to update that incident`,
      );
    },
  };
}

/** Parse, map and normalise a whole file. A reference repeated in the file is refused on its later lines. */
export function normaliseFile(data: Uint8Array, opts: NormaliseOptions & { maxBytes?: number }): NormalisedFile {
  const parsed = parseCsv(data, opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes });
  const { headers, delimiter } = parsed;
  const normaliser = createRowNormaliser(headers, opts);
  const rows: RowOutcome[] = new Array<RowOutcome>(parsed.rows.length);
  for (let r = 0; r < parsed.rows.length; r++) rows[r] = normaliser.normalise(parsed.rows[r] as CsvRow);
  return { headers, delimiter, mapping: normaliser.mapping, rows };
}
