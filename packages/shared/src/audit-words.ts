import type { AuditAction } from './access.js';
import { dayParts, isDay, monthEnd, monthStart } from './calendar.js';
import { METHOD_LABELS, OUTCOME_LABELS, PLACE_MATCH_LABELS } from './vocabularies.js';

/**
 * The audit trail in words: what a person saw, said as an auditor would ask it ("who opened
 * HC/26/44019?", "what did analyst.b look at on Tuesday?") rather than as API paths. Shared so the
 * server's `description` fields and anything else that reads the trail word it the same way.
 */

/** The dashboard's screens as the client names them in `X-Screen` (its path), with their words. */
export const AUDIT_SCREENS = {
  '/': 'the overview',
  '/incidents': 'the incident list',
  '/series': 'the series workspace',
  '/links': 'the links between reports',
  '/appeals': 'the appeals screen',
  '/appeals/print': 'a press appeal for print',
  '/import': 'the import screen',
  '/admin': 'the admin screen',
  '/print/overview': 'the overview for print',
  '/print/incidents': 'the incident list for print',
  '/print/series': 'a series for print',
} as const satisfies Record<string, string>;
export type AuditScreen = keyof typeof AUDIT_SCREENS;

export function isAuditScreen(path: string): path is AuditScreen {
  return Object.hasOwn(AUDIT_SCREENS, path);
}

/** Headers the dashboard sends with each API call: one id per screen view (a screen with its filters). */
export const VIEW_ID_HEADER = 'X-View-Id';
export const SCREEN_HEADER = 'X-Screen';
export const VIEW_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

/** The entry as the trail stores it: `object` is the JSON text written at the time. */
export interface AuditWordsInput {
  action: AuditAction | string;
  object: string;
  rows: number | null;
  references?: readonly string[];
  referenceCount?: number;
}

type Json = Record<string, unknown>;

function parse(object: string): Json {
  try {
    const v: unknown = JSON.parse(object);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
  } catch {
    return {};
  }
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const list = (v: unknown): string[] =>
  (text(v) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function shortDay(iso: string, withYear: boolean): string {
  const p = dayParts(iso);
  return `${p.day} ${p.month.slice(0, 3)}${withYear ? ` ${p.year}` : ''}`;
}

/** "Oct 2026", "Oct – Dec 2026", "3 Oct – 30 Nov 2026", "since 1 Apr 2023"; null for all dates. */
export function describePeriod(from: string | null, to: string | null): string | null {
  const f = from && isDay(from) ? from : null;
  const t = to && isDay(to) ? to : null;
  if (f && t) {
    const a = dayParts(f);
    const b = dayParts(t);
    const month = (p: typeof a) => p.month.slice(0, 3);
    if (f === monthStart(f) && t === monthEnd(t)) {
      if (a.year === b.year && a.monthIndex === b.monthIndex) return `${month(a)} ${a.year}`;
      if (a.year === b.year) return `${month(a)} – ${month(b)} ${a.year}`;
      return `${month(a)} ${a.year} – ${month(b)} ${b.year}`;
    }
    if (f === t) return shortDay(f, true);
    return `${shortDay(f, a.year !== b.year)} – ${shortDay(t, true)}`;
  }
  if (f) return `since ${shortDay(f, true)}`;
  if (t) return `up to ${shortDay(t, true)}`;
  return null;
}

const pounds = (s: string) => `£${Number(s).toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;

/**
 * The filters of a read as a short phrase: "courier fraud, Watford, Oct 2026". Kinds of scam and
 * outcomes by their labels, places and districts as named, the period in words; null when unfiltered.
 */
export function describeAuditFilters(query: Json): string | null {
  const parts: string[] = [];
  const methods = list(query.method).map((m) => (METHOD_LABELS as Record<string, string>)[m]?.toLowerCase() ?? m);
  if (methods.length) parts.push(methods.join(' or '));
  const places = [...list(query.district), ...list(query.place)];
  if (places.length) parts.push(places.join(' or '));
  const outcomes = list(query.outcome).map((o) => (OUTCOME_LABELS as Record<string, string>)[o]?.toLowerCase() ?? o);
  if (outcomes.length) parts.push(outcomes.join(' or '));
  const matches = list(query.placeMatch).map((m) => (PLACE_MATCH_LABELS as Record<string, string>)[m]?.toLowerCase() ?? m);
  if (matches.length) parts.push(matches.join(' or '));
  const ages = list(query.ageBand);
  if (ages.length) parts.push(`aged ${ages.join(' or ')}`);
  const lo = text(query.minLoss);
  const hi = text(query.maxLoss);
  if (lo && hi) parts.push(`losses ${pounds(lo)} to ${pounds(hi)}`);
  else if (lo) parts.push(`losses of at least ${pounds(lo)}`);
  else if (hi) parts.push(`losses of at most ${pounds(hi)}`);
  const q = text(query.q);
  if (q) parts.push(`text “${q}”`);
  const identifier = text(query.identifier);
  if (identifier) parts.push(`number or account ${identifier}`);
  const period = describePeriod(text(query.from), text(query.to));
  if (period) parts.push(period);
  return parts.length ? parts.join(', ') : null;
}

/** What one API call showed, as a noun phrase: "the time chart by month", "incident HC/26/44019". */
function whatWasShown(route: string, o: Json, e: AuditWordsInput): string {
  const params = (typeof o.params === 'object' && o.params !== null ? o.params : {}) as Json;
  const query = (typeof o.query === 'object' && o.query !== null ? o.query : {}) as Json;
  const refs = e.references ?? [];
  const path = route.replace(/^[A-Z]+ /, '');
  switch (path) {
    case '/api/summary':
      return 'the headline figures';
    case '/api/timeseries':
      return `the time chart${text(query.interval) ? ` by ${text(query.interval)}` : ''}`;
    case '/api/places':
      return 'the map of places';
    case '/api/districts':
      return 'the district map';
    case '/api/breakdowns':
      return 'the breakdowns';
    case '/api/incidents':
      return e.rows === null ? 'a page of the incident list' : `${count(e.rows, 'incident')} in the incident list`;
    case '/api/incidents/:id':
      return `incident ${refs[0] ?? text(o.reference) ?? `#${String(params.id ?? '?')}`}`;
    case '/api/incidents.csv':
      return 'the incident list as a CSV file';
    case '/api/incidents.xlsx':
      return 'the incident list as an Excel file';
    case '/api/links':
      return 'the links between reports';
    case '/api/series':
      return 'series detection';
    case '/api/series/:id':
      return `detected series ${String(params.id ?? '')}`.trim();
    case '/api/saved-series/:id':
      return `saved series ${String(params.id ?? '')}`.trim();
    case '/api/saved-series/:id/pack':
      return `the handover pack of saved series ${String(o.savedSeriesId ?? params.id ?? '')}${text(o.recipient) ? ` for ${text(o.recipient)}` : ''}`;
    case '/api/imports/:id/rejected.csv':
      return `the rejected rows of import ${String(params.id ?? '')}`.trim();
    case '/api/imports/:id/notices.csv':
      return `the notices of import ${String(params.id ?? '')}`.trim();
    case '/api/appeals/draft':
      return 'a press appeal draft';
    case '/api/appeals/exports':
    case '/api/appeals/exports.docx':
      return 'a press appeal';
    case '/api/audit.csv':
      return 'the audit trail as a CSV file';
    default:
      return path || 'a record';
  }
}

const VERBS: Record<string, string> = {
  consultation: 'Viewed',
  disclosure: 'Downloaded',
  combination: 'Ran',
  collection: 'Imported',
  alteration: 'Changed',
  erasure: 'Erased',
  sign_in: 'Signed in',
  sign_in_failed: 'Failed to sign in',
  sign_out: 'Signed out',
  refused: 'Was refused',
  account: 'Changed an account',
};

function referencesPhrase(refs: readonly string[], total: number): string | null {
  if (total === 0) return null;
  const shown = refs.slice(0, 3).join(', ');
  return total > 3 ? `${shown} and ${count(total - 3, 'other')}` : shown;
}

/** One entry in words: "Viewed the time chart by month: courier fraud, Watford, Oct 2026". */
export function describeAuditEntry(e: AuditWordsInput): string {
  const o = parse(e.object);
  const route = text(o.route);
  const verb = VERBS[e.action] ?? String(e.action);
  if (e.action === 'sign_in' || e.action === 'sign_out' || e.action === 'sign_in_failed') {
    return text(o.attempted) ? `${verb} as “${text(o.attempted)}”` : verb;
  }
  if (!route) {
    const op = text(o.op) ?? text(o.operation);
    return op ? `${verb}: ${op.replaceAll('_', ' ')}` : verb;
  }
  const query = (typeof o.query === 'object' && o.query !== null ? o.query : {}) as Json;
  const filters = describeAuditFilters(query);
  const what = e.action === 'refused' ? `access to ${whatWasShown(route, o, e)}` : whatWasShown(route, o, e);
  const rows =
    e.action === 'disclosure' && e.rows !== null ? ` (${count(e.rows, 'row')}${o.partial === true ? ', stopped part-way' : ''})` : '';
  return `${verb} ${what}${rows}${filters ? `: ${filters}` : ''}`;
}

/**
 * One screen view in words: "Viewed the overview: courier fraud, Watford, Oct 2026", or, when the
 * view opened records, "Viewed the incident list: courier fraud; opened HC/26/44019".
 */
export function describeAuditView(screen: string | null, entries: readonly AuditWordsInput[]): string {
  const first = entries[0];
  if (!first) return '';
  const screenWords = screen && isAuditScreen(screen) ? AUDIT_SCREENS[screen] : null;
  if (!screenWords) return entries.length === 1 ? describeAuditEntry(first) : entries.map(describeAuditEntry).join('; ');
  const objects = entries.map((e) => parse(e.object));
  const withFilters = objects.map((o) => describeAuditFilters((o.query ?? {}) as Json)).find((f) => f !== null) ?? null;
  const opened = new Set<string>();
  let openedTotal = 0;
  for (const [i, e] of entries.entries()) {
    if (text(objects[i]?.route)?.endsWith('/api/incidents/:id')) {
      for (const r of e.references ?? []) opened.add(r);
      openedTotal = opened.size;
    }
  }
  const ran = entries.some((e) => e.action === 'combination') ? ' (ran series detection)' : '';
  const openedPhrase = referencesPhrase([...opened], openedTotal);
  return `Viewed ${screenWords}${ran}${withFilters ? `: ${withFilters}` : ''}${openedPhrase ? `; opened ${openedPhrase}` : ''}`;
}

/** For a screen of the dashboard as it will appear in `describeAuditView`. */
export function screenWords(screen: string | null): string | null {
  return screen && isAuditScreen(screen) ? AUDIT_SCREENS[screen] : null;
}
