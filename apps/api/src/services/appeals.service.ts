import { checkAppealDocument, draftAppeal, type AppealIncident } from '@scam/appeals';
import { appealSourceKey, appealDocumentSchema, appealRequestSchema, ROLE_LABELS } from '@scam/shared';
import type {
  AppealCheckResult,
  AppealDocumentRequest,
  AppealDraft,
  AppealDraftSave,
  AppealDraftVersion,
  AppealDraftVersionList,
  AppealDraftVersionSummary,
  AppealDocxExport,
  appealEditedExportSchema,
  AppealExportFormat,
  AppealRequest,
  AppealTrail,
  Method,
} from '@scam/shared';
import { z } from 'zod';
import type { AppealDraftSummaryRow } from '../db/repos/appeal-drafts.repo.js';
import { toIncident, type IncidentRow } from '../db/repos/incidents.repo.js';
import { parseStored, storedFilters } from '../db/repos/stored-json.js';
import { badRequest, HttpError, notFound } from '../lib/http-error.js';
import { appealDocx } from './appeal-docx.js';
import type { Actor, ServiceContext } from './context.js';
import { exportFileName, PROTECTIVE_MARKING } from './export-names.js';
import { resolveFilters } from './filters.service.js';
import { findSeries } from './series.service.js';
import { recordAppealPublished } from './timeline-events.service.js';

/** An appeal speaks about a series or a filtered set; beyond this many reports it is not an appeal. */
const MAX_APPEAL_INCIDENTS = 20_000;

function incidentsFor(
  ctx: ServiceContext,
  req: AppealRequest,
): { incidents: AppealIncident[]; method?: Method; since?: string; until?: string } {
  // How many, and how to read their rows: by reference for a series; by id when the read model chose
  // them (the rowid B-tree rather than the reference index: a third of the time at a million).
  let count: number;
  let readRows: () => IncidentRow[];
  let method: Method | undefined;
  let since: string | undefined;
  let until: string | undefined;
  if ('seriesId' in req) {
    const s = findSeries(ctx, req.seriesId);
    count = s.incidents.length;
    readRows = () => ctx.repos.incidents.byReferences(s.incidents);
    method = s.method;
    since = s.first;
    until = s.last;
  } else {
    const query = Object.fromEntries(Object.entries(req.filters).map(([k, v]) => [k, String(v)]));
    const filters = resolveFilters(ctx, query);
    const ids = ctx.facts.current().ids(filters);
    count = ids.length;
    readRows = () => ctx.repos.incidents.byIds(ids);
    since = filters.from;
    until = filters.to;
    if (filters.methods?.length === 1) method = filters.methods[0];
  }
  // Its own code: the dashboard shows a calm "nothing to appeal about" rather than an error to retry.
  if (count === 0) throw new HttpError(400, 'no_incidents', 'no incidents match, so there is nothing to appeal about');
  if (count > MAX_APPEAL_INCIDENTS) {
    throw badRequest(`${count} incidents match; narrow the filters to at most ${MAX_APPEAL_INCIDENTS} for an appeal`);
  }
  const incidents = readRows().map((row) => {
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

type AppealExport = Omit<z.output<typeof appealEditedExportSchema>, 'format'> & { format: AppealExportFormat };
const storedAcknowledged = z.array(z.string());

/**
 * The export check: with the edited text, the checks run again here, and an export with a gap still
 * to fill, or a warning neither fixed nor acknowledged, is refused (422) before anything is recorded.
 * Answers the warnings as worded (what the record keeps as acknowledged) and how many there were.
 */
function clearExport(ctx: ServiceContext, e: AppealExport, actor: Actor): { acknowledged: string[]; warnings: number } {
  if (!e.document) return { acknowledged: [], warnings: e.warnings };
  const source = e.seriesId ? { seriesId: e.seriesId } : e.filters ? { filters: e.filters } : null;
  if (!source) throw badRequest('an export of edited text needs the seriesId or filters the appeal is about');
  if (e.draftId !== undefined && !ctx.repos.appealDrafts.get(e.draftId, actor.name)) {
    throw badRequest(`draft version ${e.draftId} is not one of your saved versions`);
  }
  const check = checkDraft(ctx, { source, document: e.document });
  const given = new Set(e.acknowledged ?? []);
  const open = check.warnings.filter((w) => !given.has(w.key));
  const blocking = [...check.placeholders.map((p) => p.message), ...open.map((w) => `${w.label}: ${w.message}`)];
  if (blocking.length > 0) {
    throw new HttpError(
      422,
      'export_blocked',
      `the appeal cannot be exported yet: ${blocking.length === 1 ? 'one thing needs' : `${blocking.length} things need`} attention`,
      blocking.map((message) => ({ message })),
    );
  }
  return { acknowledged: check.warnings.map((w) => `${w.label}: ${w.message}`), warnings: check.warnings.length };
}

function writeExport(ctx: ServiceContext, e: AppealExport, cleared: { acknowledged: string[]; warnings: number }, actor: Actor): number {
  const id = ctx.repos.audit.record({
    action: 'export',
    format: e.format,
    actor: actor.name,
    seriesId: e.seriesId ?? null,
    filters: e.filters ?? null,
    title: e.document?.title ?? e.title,
    warnings: cleared.warnings,
    createdAt: ctx.now(),
    draftId: e.draftId ?? null,
    acknowledged: e.document ? cleared.acknowledged : null,
  });
  // The charts mark the day the appeal went out, so a unit can see what followed.
  recordAppealPublished(ctx, e, actor, id);
  return id;
}

/**
 * Records that an appeal left the system, after the export check (see clearExport); the acknowledged
 * warnings are recorded with the export, as they were worded.
 */
export function recordExport(ctx: ServiceContext, e: AppealExport, actor: Actor): { id: number; acknowledged: string[] } {
  const cleared = clearExport(ctx, e, actor);
  return { id: writeExport(ctx, e, cleared, actor), acknowledged: cleared.acknowledged };
}

/**
 * The edited release as a Word document, checked like any export. The file is made first and then
 * recorded — in the appeal trail and the audit trail, in one transaction — so a refused or failed
 * export records nothing and no file leaves without its record.
 */
export async function exportDocx(
  ctx: ServiceContext,
  req: AppealDocxExport,
  actor: Actor,
  route: string,
): Promise<{ id: number; file: Buffer; fileName: string }> {
  const e: AppealExport = { ...req, title: req.document.title, format: 'docx', warnings: 0 };
  const cleared = clearExport(ctx, e, actor);
  const exportedAt = ctx.now();
  const file = await appealDocx(req.document, {
    marking: PROTECTIVE_MARKING,
    forceArea: ctx.config.FORCE_AREA,
    demo: ctx.repos.accounts.setting('demo_data') === '1',
    exportedAt,
    exportedBy: actor.role === 'system' ? actor.name : `${actor.name} (${ROLE_LABELS[actor.role]})`,
  });
  const id = ctx.repos.transaction(() => {
    const recorded = writeExport(ctx, e, cleared, actor);
    ctx.audit.inTransaction(actor, {
      action: 'disclosure',
      object: {
        route,
        title: req.document.title,
        format: 'docx',
        seriesId: req.seriesId ?? null,
        filters: req.filters ?? null,
        appealExport: recorded,
        ...(req.draftId !== undefined ? { draftVersion: req.draftId } : {}),
        acknowledged: cleared.acknowledged,
      },
      purpose: req.purpose ?? null,
    });
    return recorded;
  });
  return { id, file, fileName: exportFileName(req.document.title, ctx.today(), 'docx') };
}

/** The checks over an edited release, against the incidents it speaks about. */
export function checkDraft(ctx: ServiceContext, req: AppealDocumentRequest): AppealCheckResult {
  const input = incidentsFor(ctx, req.source);
  const periodEnd = input.until ?? req.document.issueDate;
  return checkAppealDocument(req.document, input.incidents, periodEnd);
}

function versionSummary(r: AppealDraftSummaryRow): AppealDraftVersionSummary {
  return { id: r.id, version: r.version, title: r.title, warnings: r.warnings, sourceKey: r.source_key, createdAt: r.created_at };
}

/**
 * Saves the text as the next version of the user's draft for its source (with its warnings counted),
 * keeping the acknowledgements that name a warning the text still raises.
 */
export function saveDraft(ctx: ServiceContext, req: AppealDraftSave, actor: Actor): AppealDraftVersionSummary {
  const check = checkDraft(ctx, req);
  const sourceKey = appealSourceKey(req.source);
  const createdAt = ctx.now();
  const warnings = check.warnings.length + check.placeholders.length;
  const given = new Set(req.acknowledged ?? []);
  const acknowledged = check.warnings.filter((w) => given.has(w.key)).map((w) => w.key);
  const { id, version } = ctx.repos.appealDrafts.addVersion({
    owner: actor.name,
    sourceKey,
    sourceJson: JSON.stringify(req.source),
    title: req.document.title,
    documentJson: JSON.stringify(req.document),
    acknowledgedJson: JSON.stringify(acknowledged),
    warnings,
    createdAt,
  });
  return { id, version, title: req.document.title, warnings, sourceKey, createdAt };
}

/** At most this many versions are listed; the list says when there are more. */
const MAX_DRAFT_VERSIONS = 200;

export function listDrafts(ctx: ServiceContext, actor: Actor, sourceKey: string | null): AppealDraftVersionList {
  const { rows, total } = ctx.repos.appealDrafts.list(actor.name, sourceKey, MAX_DRAFT_VERSIONS);
  return { versions: rows.map(versionSummary), truncated: total > rows.length };
}

export function getDraft(ctx: ServiceContext, id: number, actor: Actor): AppealDraftVersion {
  const row = ctx.repos.appealDrafts.get(id, actor.name);
  if (!row) throw notFound(`no saved draft version ${id} of yours`);
  return {
    ...versionSummary(row),
    source: parseStored(appealRequestSchema, row.source_json, 'appeal draft source'),
    document: parseStored(appealDocumentSchema, row.document_json, 'appeal draft'),
    acknowledged: parseStored(storedAcknowledged, row.acknowledged_json, 'acknowledged warnings'),
  };
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
      draftId: r.draft_id,
      acknowledged: r.acknowledged_json ? parseStored(storedAcknowledged, r.acknowledged_json, 'acknowledged warnings') : [],
    })),
    truncated: total > rows.length,
  };
}
