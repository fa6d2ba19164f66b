import { draftAppeal, type AppealIncident } from '@scam/appeals';
import type { AppealDraft, AppealExportRequest, AppealRequest, AppealTrail, Method } from '@scam/shared';
import { toIncident } from '../db/repos/incidents.repo.js';
import { parseStored, storedFilters } from '../db/repos/stored-json.js';
import { badRequest } from '../lib/http-error.js';
import type { Actor, ServiceContext } from './context.js';
import { resolveFilters } from './filters.service.js';
import { findSeries } from './series.service.js';

/** An appeal speaks about a series or a filtered set; beyond this many reports it is not an appeal. */
const MAX_APPEAL_INCIDENTS = 20_000;

function incidentsFor(
  ctx: ServiceContext,
  req: AppealRequest,
): { incidents: AppealIncident[]; method?: Method; since?: string; until?: string } {
  let references: string[];
  let method: Method | undefined;
  let since: string | undefined;
  let until: string | undefined;
  if ('seriesId' in req) {
    const s = findSeries(ctx, req.seriesId);
    references = s.incidents;
    method = s.method;
    since = s.first;
    until = s.last;
  } else {
    const query = Object.fromEntries(Object.entries(req.filters).map(([k, v]) => [k, String(v)]));
    const filters = resolveFilters(ctx, query);
    const facts = ctx.facts.fresh();
    references = [];
    facts.forEachMatch(filters, (i) => {
      references.push(facts.reference[i] as string);
    });
    since = filters.from;
    until = filters.to;
    if (filters.methods?.length === 1) method = filters.methods[0];
  }
  if (references.length === 0) throw badRequest('no incidents match, so there is nothing to appeal about');
  if (references.length > MAX_APPEAL_INCIDENTS) {
    throw badRequest(`${references.length} incidents match; narrow the filters to at most ${MAX_APPEAL_INCIDENTS} for an appeal`);
  }
  const incidents = ctx.repos.incidents.byReferences(references).map((row) => {
    const i = toIncident(row);
    return {
      reference: i.reference,
      offenceDate: i.offenceDate,
      place: i.place,
      district: i.district,
      method: i.method,
      impersonated: i.impersonated,
      channel: i.channel,
      outcome: i.outcome,
      lossPence: i.lossPence,
      victimAge: i.victimAge,
      ageBand: i.ageBand,
      summary: i.summary,
      townRaw: i.townRaw,
      postcodeDistrict: i.postcodeDistrict,
      callerNumber: i.callerNumber,
      payeeAccount: i.payeeAccount,
    };
  });
  // A since/until outside the incidents would misstate the period; take the incidents' own span then.
  const first = incidents[0]?.offenceDate;
  const last = incidents[incidents.length - 1]?.offenceDate;
  return {
    incidents,
    method,
    since: since && first && since <= first ? since : first,
    until: until && last && until >= last ? until : last,
  };
}

/** Drafts an appeal and records who drafted what (the disclosure audit trail). */
export function draft(ctx: ServiceContext, req: AppealRequest, actor: Actor): AppealDraft {
  const input = incidentsFor(ctx, req);
  const result = draftAppeal({ ...input, forceArea: ctx.config.FORCE_AREA, today: ctx.today() });
  ctx.repos.audit.record({
    action: 'draft',
    format: null,
    actor: actor.name,
    seriesId: 'seriesId' in req ? req.seriesId : null,
    filters: 'filters' in req ? req.filters : null,
    title: result.title,
    warnings: result.warnings.length,
    createdAt: ctx.now(),
  });
  return result;
}

export function recordExport(ctx: ServiceContext, e: AppealExportRequest, actor: Actor): { id: number } {
  const id = ctx.repos.audit.record({
    action: 'export',
    format: e.format,
    actor: actor.name,
    seriesId: e.seriesId ?? null,
    filters: e.filters ?? null,
    title: e.title,
    warnings: e.warnings,
    createdAt: ctx.now(),
  });
  return { id };
}

export function auditTrail(ctx: ServiceContext): AppealTrail {
  const { rows, total } = ctx.repos.audit.list(200);
  return {
    entries: rows.map((r) => ({
      id: r.id,
      action: r.action,
      format: r.format,
      actor: r.actor,
      seriesId: r.series_id,
      filters: r.filters_json ? parseStored(storedFilters, r.filters_json, 'appeal filters') : null,
      title: r.title,
      warnings: r.warnings,
      createdAt: r.created_at,
    })),
    truncated: total > rows.length,
  };
}
