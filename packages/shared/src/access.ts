import type { SameEndpoints } from './contract.js';
import type { RouteName } from './routes.js';

/**
 * Who may do what. Plain lists with no zod import, so the browser's first chunk can decide which
 * screens and buttons to offer from the same table the server enforces.
 */
export const ROLES = ['viewer', 'analyst', 'inspector', 'importer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  analyst: 'Analyst',
  inspector: 'Inspector',
  importer: 'Importer',
  admin: 'Administrator',
};

/**
 * - aggregates: counts and sums by filter (no single incident can be read from them)
 * - incidents: incident lists, detail, links on shared identifiers, series and their members, incident CSV export
 *   (and adding events to the time charts: the analyst's job; deleting them is the author's or an admin's)
 * - appeals: drafting press appeals and exporting or printing them
 * - imports: importing returns, rejected rows, rollback
 * - admin: users, audit trail, erasure
 */
export const PERMISSIONS = ['aggregates', 'incidents', 'appeals', 'imports', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ['aggregates'],
  analyst: ['aggregates', 'incidents'],
  inspector: ['aggregates', 'incidents', 'appeals'],
  importer: ['aggregates', 'imports'],
  admin: ['aggregates', 'incidents', 'appeals', 'imports', 'admin'],
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? ROLE_PERMISSIONS[role].includes(permission) : false;
}

/** The kinds of event the audit trail records (DPA 2018 s.62, plus sign-in events and refusals). */
export const AUDIT_ACTIONS = [
  'collection',
  'alteration',
  'consultation',
  'disclosure',
  'combination',
  'erasure',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'refused',
  'account',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Endpoint {
  method: HttpMethod;
  route: RouteName;
  /** 'public': no credentials needed; 'signedIn': any role; otherwise the permission required. */
  access: 'public' | 'signedIn' | Permission;
  /** What a successful call is recorded as in the audit trail (null: not an audit event by itself). */
  audit: AuditAction | null;
}

/**
 * Every endpoint the API answers: method, route, who may call it and what it is recorded as. The server
 * registers its guards from this table, the docs test compares it with docs/api.md both ways, and the
 * role tests call every row as every role.
 */
export const ENDPOINTS = [
  { method: 'GET', route: 'health', access: 'public', audit: null },
  { method: 'POST', route: 'session', access: 'public', audit: null },
  { method: 'GET', route: 'session', access: 'signedIn', audit: null },
  { method: 'DELETE', route: 'session', access: 'signedIn', audit: null },
  { method: 'GET', route: 'meta', access: 'aggregates', audit: null },
  { method: 'GET', route: 'summary', access: 'aggregates', audit: 'consultation' },
  { method: 'GET', route: 'timeseries', access: 'aggregates', audit: 'consultation' },
  { method: 'GET', route: 'places', access: 'aggregates', audit: 'consultation' },
  { method: 'GET', route: 'districts', access: 'aggregates', audit: 'consultation' },
  { method: 'GET', route: 'breakdowns', access: 'aggregates', audit: 'consultation' },
  { method: 'GET', route: 'boundaries', access: 'aggregates', audit: null },
  { method: 'GET', route: 'mapLabels', access: 'aggregates', audit: null },
  { method: 'GET', route: 'incidents', access: 'incidents', audit: 'consultation' },
  { method: 'GET', route: 'incidentsCsv', access: 'incidents', audit: 'disclosure' },
  { method: 'GET', route: 'incidentsXlsx', access: 'incidents', audit: 'disclosure' },
  { method: 'GET', route: 'incident', access: 'incidents', audit: 'consultation' },
  { method: 'GET', route: 'links', access: 'incidents', audit: 'consultation' },
  { method: 'POST', route: 'imports', access: 'imports', audit: 'collection' },
  { method: 'GET', route: 'imports', access: 'imports', audit: null },
  { method: 'GET', route: 'importBatch', access: 'imports', audit: null },
  { method: 'GET', route: 'importRejectedCsv', access: 'imports', audit: 'disclosure' },
  { method: 'GET', route: 'importNoticesCsv', access: 'imports', audit: 'disclosure' },
  { method: 'POST', route: 'importRollback', access: 'imports', audit: 'alteration' },
  { method: 'POST', route: 'importErase', access: 'admin', audit: 'erasure' },
  { method: 'GET', route: 'series', access: 'incidents', audit: 'combination' },
  { method: 'GET', route: 'seriesAlerts', access: 'incidents', audit: null },
  { method: 'GET', route: 'seriesDetail', access: 'incidents', audit: 'consultation' },
  { method: 'GET', route: 'savedSeriesList', access: 'incidents', audit: null },
  { method: 'POST', route: 'savedSeriesList', access: 'incidents', audit: 'alteration' },
  { method: 'GET', route: 'savedSeries', access: 'incidents', audit: 'consultation' },
  { method: 'PATCH', route: 'savedSeries', access: 'incidents', audit: 'alteration' },
  { method: 'DELETE', route: 'savedSeries', access: 'incidents', audit: 'alteration' },
  // A re-assessment runs detection again and appends a frozen assessment: the analyst's decision.
  { method: 'POST', route: 'savedSeriesAssessments', access: 'incidents', audit: 'alteration' },
  // The handover pack sends a series out of the force: an inspector's decision, like a press appeal.
  { method: 'GET', route: 'savedSeriesPack', access: 'appeals', audit: 'disclosure' },
  // Any role saves views; which pages a role may save or see a view of is checked against SAVED_VIEW_PAGES.
  { method: 'GET', route: 'savedViews', access: 'signedIn', audit: null },
  { method: 'POST', route: 'savedViews', access: 'signedIn', audit: 'alteration' },
  { method: 'PATCH', route: 'savedView', access: 'signedIn', audit: 'alteration' },
  { method: 'DELETE', route: 'savedView', access: 'signedIn', audit: 'alteration' },
  { method: 'POST', route: 'appealDraft', access: 'appeals', audit: 'consultation' },
  { method: 'POST', route: 'appealExports', access: 'appeals', audit: 'disclosure' },
  { method: 'GET', route: 'appealExports', access: 'appeals', audit: null },
  // Recorded by the service in the transaction that makes the file, so no copy leaves unrecorded.
  { method: 'POST', route: 'appealExportDocx', access: 'appeals', audit: 'disclosure' },
  // The check answers only with masked warnings about text the caller typed, so it is not recorded on
  // each keystroke; the draft it checks against was recorded when it was drafted.
  { method: 'POST', route: 'appealCheck', access: 'appeals', audit: null },
  { method: 'GET', route: 'appealDrafts', access: 'appeals', audit: null },
  { method: 'POST', route: 'appealDrafts', access: 'appeals', audit: 'alteration' },
  { method: 'GET', route: 'appealDraftVersion', access: 'appeals', audit: null },
  // Events on the time charts: everyone who sees the charts sees them; analysts (and up) add them.
  { method: 'GET', route: 'timelineEvents', access: 'aggregates', audit: null },
  { method: 'POST', route: 'timelineEvents', access: 'incidents', audit: 'alteration' },
  { method: 'DELETE', route: 'timelineEvent', access: 'incidents', audit: 'alteration' },
  { method: 'GET', route: 'audit', access: 'admin', audit: null },
  { method: 'GET', route: 'auditCsv', access: 'admin', audit: 'disclosure' },
  { method: 'GET', route: 'auditViews', access: 'admin', audit: null },
  { method: 'GET', route: 'users', access: 'admin', audit: null },
  { method: 'POST', route: 'users', access: 'admin', audit: 'account' },
  { method: 'PATCH', route: 'user', access: 'admin', audit: 'account' },
] as const satisfies readonly Endpoint[];

// The table and the contract (contract.ts) name the same endpoints, or this line does not compile.
export const ENDPOINTS_MATCH_CONTRACT: SameEndpoints<typeof ENDPOINTS> = ENDPOINTS;
