import { readIdentifier, type IncidentDetail, type IncidentList, type IncidentListQuery } from '@scam/shared';
import { quoted } from '@scam/ingest';
import type { ResolvedFilters } from '../domain/filters.js';
import { toIncident, toIncidentChange, type IncidentRow } from '../db/repos/incidents.repo.js';
import { notFound } from '../lib/http-error.js';
import type { ServiceContext } from './context.js';
import { seriesOfIncident } from './series.service.js';

/** Sorts the read model can order by itself (the rest, text and identifier search go to SQL). */
const FACT_SORTS = new Set<IncidentListQuery['sort']>(['offenceDate', 'lossPence', 'age', 'place', 'district', 'method', 'outcome']);
/** Deep pages are rare; past this a full SQL sort is as good as a heap. */
const MAX_HEAP_PAGE = 10_000;

/**
 * One page of the filtered set. Without a text search, matching and ordering run over the in-memory
 * read model (by offence date the page is read off its order; otherwise a heap picks it), and only the
 * page's rows are read from SQLite, so a page of a million-row filter stays fast; ties break on id, as
 * in the SQL path.
 */
async function pageFromFacts(
  ctx: ServiceContext,
  filters: ResolvedFilters,
  q: IncidentListQuery,
): Promise<{ rows: IncidentRow[]; total: number }> {
  const { ids, total } = await ctx.facts.page(filters, q);
  return { rows: ctx.repos.incidents.byIds(ids), total };
}

export async function listIncidents(ctx: ServiceContext, filters: ResolvedFilters, q: IncidentListQuery): Promise<IncidentList> {
  const useFacts = !q.q && !q.identifier && FACT_SORTS.has(q.sort) && q.offset + q.limit <= MAX_HEAP_PAGE;
  const qIdentifier = q.q ? (readIdentifier(q.q) ?? undefined) : undefined;
  const { rows, total } = useFacts ? await pageFromFacts(ctx, filters, q) : ctx.repos.incidents.list(filters, { ...q, qIdentifier });
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
  if (!row) throw notFound(`no incident ${quoted(idOrReference)}`);
  const { series, truncated } = seriesOfIncident(ctx, row.reference);
  return {
    incident: toIncident(row),
    history: ctx.repos.incidents.history(row.id).map(toIncidentChange),
    series,
    seriesTruncated: truncated,
  };
}
