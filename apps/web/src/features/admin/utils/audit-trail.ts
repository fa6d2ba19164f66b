import { AUDIT_ACTIONS } from '@scam/shared';
import type { AuditAction } from '@scam/shared';
import { toQueryString } from '../../../lib/api-client';
import type { QueryParams } from '../../../lib/api-client';
import { isDay } from '@scam/shared';

export const AUDIT_PAGE_SIZE = 50;

/** What the audit table shows, kept in the address so an administrator can send the exact view on. */
export interface AuditFilters {
  from: string | null;
  to: string | null;
  user: string;
  action: AuditAction | null;
  /** An incident reference: who saw, exported or handed over that report. */
  reference: string;
  offset: number;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { from: null, to: null, user: '', action: null, reference: '', offset: 0 };

/** The DPA 2018 s.62 words an auditor looks for, with what each means here. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  collection: 'Collection (import)',
  alteration: 'Alteration',
  consultation: 'Consultation (viewed)',
  disclosure: 'Disclosure (export)',
  combination: 'Combination (series detection)',
  erasure: 'Erasure',
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  sign_out: 'Signed out',
  refused: 'Refused',
  account: 'Account change',
};

export function actionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

export function parseAuditFilters(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const day = (key: string) => {
    const value = params.get(key);
    return value && isDay(value) ? value : null;
  };
  const action = params.get('action');
  const offset = Number(params.get('offset') ?? '0');
  return {
    from: day('from'),
    to: day('to'),
    user: (params.get('user') ?? '').trim().slice(0, 64),
    action: (AUDIT_ACTIONS as readonly string[]).includes(action ?? '') ? (action as AuditAction) : null,
    reference: (params.get('reference') ?? '').trim().slice(0, 100),
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The filters as `GET /api/audit.csv` takes them: every matching entry, not one page. */
export function auditCsvParams(filters: AuditFilters): QueryParams {
  return {
    from: filters.from,
    to: filters.to,
    user: filters.user || undefined,
    action: filters.action,
    reference: filters.reference || undefined,
  };
}

/** `GET /api/audit` parameters: the filters plus the page. */
export function auditListParams(filters: AuditFilters): QueryParams {
  return { ...auditCsvParams(filters), limit: AUDIT_PAGE_SIZE, offset: filters.offset };
}

/** The page's query string; the first page and empty filters are left out to keep links short. */
export function auditSearch(filters: AuditFilters): string {
  return toQueryString({ ...auditCsvParams(filters), offset: filters.offset > 0 ? filters.offset : undefined });
}

/** A 'from' after 'to' would silently match nothing, so it is named before the request is sent. */
export function auditFilterProblem(filters: Pick<AuditFilters, 'from' | 'to'>): string | null {
  return filters.from && filters.to && filters.from > filters.to ? 'The "from" date is after the "to" date.' : null;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'Europe/London',
});

/** Audit times to the second, in UK time: "23 Nov 2026, 14:05:09". */
export function formatAuditTime(iso: string): string {
  const normalised = /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso.replace(' ', 'T')}Z`;
  const d = new Date(normalised);
  return Number.isNaN(d.getTime()) ? iso : timeFormat.format(d);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(describeValue).join(',');
  return JSON.stringify(value);
}

function pairs(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [describeValue(value)];
  return Object.entries(value).map(([k, v]) => `${k}=${describeValue(v)}`);
}

/**
 * The record's object is JSON (the route, its parameters, the filters used); read as a line of text:
 * "GET /api/incidents · method=courier · district=Watford". The exact JSON stays in the CSV export.
 */
export function describeAuditObject(json: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return json;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return describeValue(parsed);
  const { route, params, query, ...rest } = parsed as Record<string, unknown>;
  const parts = [
    ...(typeof route === 'string' ? [route] : []),
    ...(params === undefined ? [] : pairs(params)),
    ...(query === undefined ? [] : pairs(query)),
    ...Object.entries(rest).map(([k, v]) =>
      typeof v === 'object' && v !== null && !Array.isArray(v) ? `${k}: ${pairs(v).join(', ')}` : `${k}=${describeValue(v)}`,
    ),
  ];
  return parts.length > 0 ? parts.join(' · ') : '—';
}
