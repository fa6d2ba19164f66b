import { METHODS, OUTCOMES, type IncidentDetail, type IncidentList, type IncidentListQuery } from '@scam/shared';
import { quoted } from '@scam/ingest';
import type { ResolvedFilters } from '../db/repos/filter-sql.js';
import { toIncident, toIncidentChange, type IncidentRow } from '../db/repos/incidents.repo.js';
import { notFound } from '../lib/http-error.js';
import { topK } from '../lib/top-k.js';
import type { ServiceContext } from './context.js';

/** Sorts the fact store can order by itself (the rest, text and identifier search go to SQL). */
const FACT_SORTS = new Set<IncidentListQuery['sort']>(['offenceDate', 'lossPence', 'age', 'place', 'district', 'method', 'outcome']);
/** Deep pages are rare; past this a full SQL sort is as good as a heap. */
const MAX_HEAP_PAGE = 10_000;

/**
 * One page of the filtered set. Without a text search, matching and ordering run over the in-memory
 * fact store (a heap picks the page), and only the page's rows are read from SQLite, so a page of a
 * million-row filter stays fast; ties break on id, as in the SQL path.
 */
function pageFromFacts(ctx: ServiceContext, filters: ResolvedFilters, q: IncidentListQuery): { rows: IncidentRow[]; total: number } {
  const f = ctx.facts.fresh();
  const matches: number[] = [];
  f.forEachMatch(filters, (i) => matches.push(i));
  const dir = q.order === 'asc' ? 1 : -1;
  const byId = (a: number, b: number) => dir * ((f.id[a] as number) - (f.id[b] as number));
  const name = (s: string | undefined) => s ?? '';
  const key: Record<string, (a: number, b: number) => number> = {
    offenceDate: (a, b) => dir * ((f.day[a] as number) - (f.day[b] as number)),
    lossPence: (a, b) => dir * ((f.loss[a] as number) - (f.loss[b] as number)),
    // Unknown ages sort last whichever the direction, as NULLS LAST does in SQL.
    age: (a, b) => {
      const x = f.age[a] as number;
      const y = f.age[b] as number;
      if (x === 255 || y === 255) return x === y ? 0 : x === 255 ? 1 : -1;
      return dir * (x - y);
    },
    place: (a, b) => dir * cmpText(name(f.places[f.place[a] as number]?.name), name(f.places[f.place[b] as number]?.name)),
    district: (a, b) => dir * cmpText(name(f.districts[f.district[a] as number]?.name), name(f.districts[f.district[b] as number]?.name)),
    method: (a, b) => dir * cmpText(METHODS[f.method[a] as number], METHODS[f.method[b] as number]),
    outcome: (a, b) => dir * cmpText(OUTCOMES[f.outcome[a] as number], OUTCOMES[f.outcome[b] as number]),
  };
  const primary = key[q.sort] as (a: number, b: number) => number;
  const page = topK(matches, q.offset + q.limit, (a, b) => primary(a, b) || byId(a, b)).slice(q.offset);
  return { rows: ctx.repos.incidents.byIds(page.map((i) => f.id[i] as number)), total: matches.length };
}

/** SQLite's default BINARY collation compares UTF-8 bytes; this matches it for the names we store. */
function cmpText(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

export function listIncidents(ctx: ServiceContext, filters: ResolvedFilters, q: IncidentListQuery): IncidentList {
  const useFacts = !q.q && !q.identifier && FACT_SORTS.has(q.sort) && q.offset + q.limit <= MAX_HEAP_PAGE;
  const { rows, total } = useFacts ? pageFromFacts(ctx, filters, q) : ctx.repos.incidents.list(filters, q);
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
  return { incident: toIncident(row), history: ctx.repos.incidents.history(row.id).map(toIncidentChange) };
}
