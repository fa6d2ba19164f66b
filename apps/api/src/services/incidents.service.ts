import type { IncidentDetail, IncidentList, IncidentListQuery } from '@scam/shared';
import type { ResolvedFilters } from '../db/repos/filter-sql.js';
import { toIncident, toIncidentChange, type IncidentRow } from '../db/repos/incidents.repo.js';
import { notFound } from '../lib/http-error.js';
import type { ServiceContext } from './context.js';
import { csvLine, UTF8_BOM } from './csv.js';

export function listIncidents(ctx: ServiceContext, filters: ResolvedFilters, q: IncidentListQuery): IncidentList {
  const { rows, total } = ctx.repos.incidents.list(filters, q);
  return {
    incidents: rows.map(toIncident),
    total,
    truncated: q.offset + rows.length < total,
    limit: q.limit,
    offset: q.offset,
  };
}

/** By numeric id, or by reference (references contain slashes, so clients URL-encode them). */
export function getIncident(ctx: ServiceContext, idOrReference: string): IncidentDetail {
  const row = /^\d+$/.test(idOrReference)
    ? ctx.repos.incidents.get(Number(idOrReference))
    : ctx.repos.incidents.getByReference(idOrReference);
  if (!row) throw notFound(`no incident ${idOrReference}`);
  return { incident: toIncident(row), history: ctx.repos.incidents.history(row.id).map(toIncidentChange) };
}

const EXPORT_COLUMNS: [string, (r: IncidentRow) => string | number | null][] = [
  ['Reference', (r) => r.reference],
  ['Offence date', (r) => r.offence_date],
  ['Report date', (r) => r.report_date],
  ['Town as written', (r) => r.town_raw],
  ['Place', (r) => r.place],
  ['District', (r) => r.district],
  ['District code', (r) => r.district_code],
  ['County', (r) => r.county],
  ['Latitude', (r) => r.lat],
  ['Longitude', (r) => r.lon],
  ['Postcode district', (r) => r.postcode_district],
  ['Method', (r) => r.method],
  ['Method as written', (r) => r.method_raw],
  ['Impersonated', (r) => r.impersonated],
  ['Channel', (r) => r.channel],
  ['Loss (£)', (r) => (r.loss_pence / 100).toFixed(2)],
  ['Outcome', (r) => r.outcome],
  ['Victim age', (r) => r.victim_age],
  ['Age band', (r) => r.age_band],
  ['Caller number', (r) => r.caller_number],
  ['Summary', (r) => r.summary],
];

const EXPORT_PAGE = 5000;

/** The filtered set as CSV, a page at a time so a national export never sits in memory whole. */
export function* incidentsCsv(ctx: ServiceContext, filters: ResolvedFilters): Generator<string> {
  yield UTF8_BOM + csvLine(EXPORT_COLUMNS.map(([h]) => h));
  let after: { date: string; id: number } | null = null;
  for (;;) {
    const rows = ctx.repos.incidents.pageAfter(filters, after, EXPORT_PAGE);
    if (rows.length === 0) return;
    yield rows.map((row) => csvLine(EXPORT_COLUMNS.map(([, get]) => get(row)))).join('');
    const last = rows[rows.length - 1] as IncidentRow;
    after = { date: last.offence_date, id: last.id };
  }
}
