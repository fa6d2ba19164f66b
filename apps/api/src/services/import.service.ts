import { createHash } from 'node:crypto';
import { IngestFileError, normaliseFile, rejectedRowsCsv, type NormalisedIncident, type RowOutcome } from '@scam/ingest';
import type {
  ColumnMapping,
  EraseResult,
  ImportBatch,
  ImportBatchList,
  ImportCounts,
  ImportResult,
  RememberedMapping,
  RollbackResult,
  RowError,
} from '@scam/shared';
import { toImportBatch, type ImportMappingRow } from '../db/repos/imports.repo.js';
import { INCIDENT_FIELD_COLUMNS, storedFields, type IncidentFields, type IncidentRow } from '../db/repos/incidents.repo.js';
import {
  parseStored,
  StoredDataError,
  storedHeaders,
  storedRawRow,
  storedMappingChoices,
  storedRowErrors,
  storedSeries,
} from '../db/repos/stored-json.js';
import { conflict, HttpError, notFound } from '../lib/http-error.js';
import type { Actor, ServiceContext } from './context.js';

export interface ImportRequest {
  data: Uint8Array;
  fileName: string;
  mapping?: Record<string, string> | undefined;
  dryRun: boolean;
  actor: Actor;
  /** Called as rows are written, so the CLI can draw a progress bar. */
  onProgress?: (phase: 'checking' | 'writing', done: number, total: number) => void;
}

/** Responses carry at most this many row errors / plan lines; the full list is the rejected-rows CSV. */
export const MAX_ERRORS_IN_RESPONSE = 1000;
const MAX_PLAN_IN_RESPONSE = 1000;

export function toFields(n: NormalisedIncident): IncidentFields {
  return {
    reference: n.reference,
    offence_date: n.offenceDate,
    offence_date_to: n.offenceDateTo,
    report_date: n.reportDate,
    town_raw: n.townRaw,
    place: n.place,
    district_code: n.districtCode,
    district: n.district,
    county: n.county,
    lat: n.lat,
    lon: n.lon,
    place_match: n.placeMatch,
    postcode_district: n.postcodeDistrict,
    method: n.method,
    method_raw: n.methodRaw,
    method_rule: n.methodRule,
    impersonated: n.impersonated,
    channel: n.channel,
    loss_pence: n.lossPence,
    outcome: n.outcome,
    outcome_raw: n.outcomeRaw,
    victim_age: n.victimAge,
    age_band: n.ageBand,
    caller_number: n.callerNumber,
    payee_account: n.payeeAccount,
    summary: n.summary,
  };
}

export function fieldsOf(row: IncidentRow): IncidentFields {
  const out: Record<string, unknown> = {};
  for (const c of INCIDENT_FIELD_COLUMNS) out[c] = row[c];
  return out as IncidentFields;
}

/** Field → [before, after] for every field that differs. */
export function diffFields(before: IncidentFields, after: IncidentFields): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const c of INCIDENT_FIELD_COLUMNS) {
    if (before[c] !== after[c]) changes[c] = [before[c], after[c]];
  }
  return changes;
}

type Planned =
  | { action: 'insert'; line: number; fields: IncidentFields }
  | { action: 'update'; line: number; fields: IncidentFields; existing: IncidentRow; changes: Record<string, [unknown, unknown]> }
  | { action: 'unchanged'; line: number; fields: IncidentFields; existing: IncidentRow };

function refuse(err: IngestFileError): HttpError {
  const status = err.code === 'file_too_large' ? 413 : 400;
  return new HttpError(status, err.code === 'file_too_large' ? 'file_too_large' : 'file_refused', err.message, [
    { message: err.message, path: err.code },
  ]);
}

/**
 * The one import pipeline behind the CLI and POST /api/imports: parse and normalise every row,
 * plan each accepted row against the store (insert / update / unchanged), and either report the plan
 * (dry run) or apply all of it in one transaction.
 */
export function importFile(ctx: ServiceContext, req: ImportRequest): ImportResult {
  const sha256 = createHash('sha256').update(req.data).digest('hex');
  let normalised;
  let rememberedRow: ImportMappingRow | undefined;
  try {
    normalised = normaliseFile(req.data, {
      gazetteer: ctx.gazetteer,
      today: ctx.today(),
      mapping: req.mapping,
      maxBytes: ctx.config.IMPORT_MAX_BYTES,
      remembered: (headers) => {
        rememberedRow = ctx.repos.imports.findMapping(headersKey(headers));
        return rememberedRow ? readRemembered(rememberedRow) : undefined;
      },
    });
  } catch (err) {
    if (err instanceof IngestFileError) throw refuse(err);
    throw err;
  }

  const accepted: { line: number; incident: NormalisedIncident }[] = [];
  const rejected: Extract<RowOutcome, { ok: false }>[] = [];
  for (const r of normalised.rows) {
    if (r.ok) accepted.push({ line: r.line, incident: r.incident });
    else rejected.push(r);
  }
  const errors: RowError[] = rejected.flatMap((r) => r.errors);
  const usedRemembered = rememberedRow !== undefined && normalised.mapping.some((m) => m.source === 'remembered');
  const base = {
    dryRun: req.dryRun,
    fileName: req.fileName,
    mapping: normalised.mapping,
    remembered: usedRemembered && rememberedRow ? toRememberedMapping(rememberedRow) : null,
    errors: errors.slice(0, MAX_ERRORS_IN_RESPONSE),
    errorsTruncated: errors.length > MAX_ERRORS_IN_RESPONSE,
  };

  // The duplicate check, the plan and the writes see one state of the store: a concurrent writer
  // (the command-line importer) either finished before this BEGIN IMMEDIATE or waits for its COMMIT,
  // so the plan's "insert" cannot meet a row that appeared meanwhile. A dry run only reads.
  const planAndWrite = (): ImportResult => {
    // The same bytes again: report it and write nothing, so a double upload can never double-count.
    const earlier = ctx.repos.imports.findCommittedBySha(sha256);
    if (earlier) {
      return {
        ...base,
        batchId: earlier.id,
        alreadyImported: true,
        counts: { rows: normalised.rows.length, inserted: 0, updated: 0, unchanged: accepted.length, rejected: rejected.length },
      };
    }
    return applyPlan(ctx, req, { sha256, normalised, accepted, rejected, base });
  };
  return req.dryRun ? ctx.repos.transaction(planAndWrite) : ctx.repos.immediateTransaction(planAndWrite);
}

interface Parsed {
  sha256: string;
  normalised: ReturnType<typeof normaliseFile>;
  accepted: { line: number; incident: NormalisedIncident }[];
  rejected: Extract<RowOutcome, { ok: false }>[];
  base: Pick<ImportResult, 'dryRun' | 'fileName' | 'mapping' | 'remembered' | 'errors' | 'errorsTruncated'>;
}

/** A header line's key: the sha256 of the headers as parsed, in order. */
export function headersKey(headers: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(headers)).digest('hex');
}

/** A damaged remembered mapping is not offered (the file is then mapped as if new), never a failed import. */
function readRemembered(row: ImportMappingRow): Record<string, string> | undefined {
  try {
    return parseStored(storedMappingChoices, row.mapping_json, 'remembered mapping');
  } catch (err) {
    if (err instanceof StoredDataError) return undefined;
    throw err;
  }
}

function toRememberedMapping(row: ImportMappingRow): RememberedMapping {
  return { mapping: readRemembered(row) ?? {}, confirmedBy: row.confirmed_by, confirmedAt: row.confirmed_at, batchId: row.batch_id };
}

const IGNORED = new Set(['', 'ignore']);

/**
 * The columns set by hand (now or before), as the header → field object a later file is offered. A column
 * dropped by hand now reads as unused in the mapping, so it is found from the request by its header.
 */
function handSet(mapping: readonly ColumnMapping[], chosen: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const dropped = new Set(
    Object.entries(chosen)
      .filter(([, field]) => IGNORED.has(field.trim().toLowerCase()))
      .map(([header]) => header.trim().toLowerCase()),
  );
  for (const m of mapping) {
    if (m.source === 'explicit' || m.source === 'remembered') out[m.header] = m.field ?? 'ignore';
    else if (m.field === null && dropped.has(m.header.trim().toLowerCase())) out[m.header] = 'ignore';
  }
  return out;
}

function applyPlan(ctx: ServiceContext, req: ImportRequest, { sha256, normalised, accepted, rejected, base }: Parsed): ImportResult {
  const existing = ctx.repos.incidents.findByReferences(accepted.map((a) => a.incident.reference));
  const plan: Planned[] = accepted.map(({ line, incident }) => {
    const fields = toFields(incident);
    const current = existing.get(incident.reference);
    if (!current) return { action: 'insert', line, fields };
    const changes = diffFields(fieldsOf(current), fields);
    return Object.keys(changes).length === 0
      ? { action: 'unchanged', line, fields, existing: current }
      : { action: 'update', line, fields, existing: current, changes };
  });
  const counts: ImportCounts = {
    rows: normalised.rows.length,
    inserted: plan.filter((p) => p.action === 'insert').length,
    updated: plan.filter((p) => p.action === 'update').length,
    unchanged: plan.filter((p) => p.action === 'unchanged').length,
    rejected: rejected.length,
  };

  if (req.dryRun) {
    return {
      ...base,
      batchId: null,
      alreadyImported: false,
      counts,
      plan: plan.slice(0, MAX_PLAN_IN_RESPONSE).map((p) => ({ line: p.line, reference: p.fields.reference, action: p.action })),
    };
  }

  if (accepted.length === 0) {
    throw new HttpError(
      422,
      'no_valid_rows',
      `none of the ${rejected.length} rows in ${req.fileName} could be imported, so nothing was written; fix the rows listed and import again`,
      base.errors.map((e) => ({ line: e.line, column: e.column, value: e.value, message: e.reason })),
    );
  }

  const now = ctx.now();
  const batchId = ((): number => {
    const id = ctx.repos.imports.create({
      fileName: req.fileName,
      fileSize: req.data.byteLength,
      sha256,
      mapping: normalised.mapping,
      headers: normalised.headers,
      counts,
      importedBy: req.actor.name,
      importedAt: now,
    });
    ctx.audit.inTransaction(req.actor, {
      action: 'collection',
      object: { batch: id, file: req.fileName, sha256, inserted: counts.inserted, updated: counts.updated, rejected: counts.rejected },
      rows: counts.inserted + counts.updated,
    });
    let done = 0;
    for (const p of plan) {
      if (p.action === 'insert') {
        const incidentId = ctx.repos.incidents.insert(p.fields, id, now);
        ctx.repos.incidents.addHistory({ incidentId, batchId: id, kind: 'insert', changedAt: now, before: null, changes: {} });
      } else if (p.action === 'update') {
        ctx.repos.incidents.update(p.existing.id, p.fields, now);
        ctx.repos.incidents.addHistory({
          incidentId: p.existing.id,
          batchId: id,
          kind: 'update',
          changedAt: now,
          before: fieldsOf(p.existing),
          changes: p.changes,
        });
      } else {
        ctx.repos.imports.addUnchanged(id, p.existing.id);
      }
      done++;
      if (req.onProgress && done % 2000 === 0) req.onProgress('writing', done, plan.length);
    }
    for (const r of rejected) ctx.repos.imports.addRejected(id, r.line, r.raw, r.errors);
    // A mapping set by hand and committed is what this layout means: the next file with these headers gets it.
    if (req.mapping && Object.keys(req.mapping).length > 0) {
      ctx.repos.imports.rememberMapping({
        headersSha256: headersKey(normalised.headers),
        headers: normalised.headers,
        mapping: handSet(normalised.mapping, req.mapping),
        confirmedBy: req.actor.name,
        confirmedAt: now,
        batchId: id,
      });
    }
    req.onProgress?.('writing', plan.length, plan.length);
    return id;
  })();
  return { ...base, batchId, alreadyImported: false, counts };
}

/** A page of the import history, newest first; `nextBefore` asks for the page after it. */
export function listImports(ctx: ServiceContext, q: { limit: number; before?: number | undefined }): ImportBatchList {
  const { rows, more } = ctx.repos.imports.list(q.limit, q.before);
  const last = rows[rows.length - 1];
  return { imports: rows.map(toImportBatch), truncated: more, nextBefore: more && last ? last.id : null };
}

export function getImport(ctx: ServiceContext, id: number): ImportBatch {
  const row = ctx.repos.imports.get(id);
  if (!row) throw notFound(`no import batch ${id}`);
  return toImportBatch(row);
}

export function rejectedCsv(ctx: ServiceContext, id: number): { fileName: string; csv: string; rows: number } {
  const batch = ctx.repos.imports.get(id);
  if (!batch) throw notFound(`no import batch ${id}`);
  if (batch.erased_at)
    throw new HttpError(410, 'gone', `import batch ${id} was erased on ${batch.erased_at}; its rejected rows no longer exist`);
  const headers = parseStored(storedHeaders, batch.headers_json, 'header line');
  const rows = ctx.repos.imports.rejected(id).map((r) => ({
    line: r.line,
    raw: parseStored(storedRawRow, r.raw_json, 'rejected row'),
    errors: parseStored(storedRowErrors, r.errors_json, 'row errors'),
  }));
  const stem = batch.file_name.replace(/\.csv$/i, '');
  return { fileName: `${stem}-rejected.csv`, csv: rejectedRowsCsv(headers, rows), rows: rows.length };
}

/**
 * Undoes a batch: its inserts are removed and its updates reverted to the record as it was before.
 * Refused when a later batch that is still committed changed or re-sent the same incidents, because
 * undoing this one would silently discard what that later return says; roll the later batch back first.
 */
export function rollbackImport(ctx: ServiceContext, id: number, actor: Actor): RollbackResult {
  // The checks and the undo in one BEGIN IMMEDIATE: a batch committed by another process meanwhile
  // cannot slip between "nothing later touched these incidents" and the undo.
  return ctx.repos.immediateTransaction(() => {
    const batch = ctx.repos.imports.get(id);
    if (!batch) throw notFound(`no import batch ${id}`);
    if (batch.status === 'rolled_back') throw conflict(`import batch ${id} was already rolled back on ${batch.rolled_back_at}`);
    const changes = ctx.repos.imports.changes(id);
    const blocked = changes.filter((c) => c.later_batch_id !== null);
    if (blocked.length > 0) {
      const later = [...new Set(blocked.map((b) => b.later_batch_id))].join(', ');
      throw conflict(
        `batch ${id} cannot be rolled back: ${blocked.length} of its incidents were changed or re-sent by later batch(es) ${later}; roll those back first`,
        blocked.slice(0, 50).map((b) => ({ value: b.reference, message: `changed or re-sent by batch ${b.later_batch_id}` })),
      );
    }
    const now = ctx.now();
    let removed = 0;
    let reverted = 0;
    for (const c of changes) {
      if (c.kind === 'insert') {
        ctx.repos.incidents.remove(c.incident_id);
        removed++;
      } else if (c.before_json) {
        const current = ctx.repos.incidents.get(c.incident_id);
        if (!current) continue;
        let before: IncidentFields;
        try {
          before = storedFields(c.before_json, fieldsOf(current));
        } catch (err) {
          if (!(err instanceof StoredDataError)) throw err;
          // Nothing is half undone: the throw rolls the whole transaction back.
          throw conflict(
            `batch ${id} cannot be rolled back: the history of ${c.reference} is damaged (${err.message}); restore a backup or correct the record by hand`,
          );
        }
        ctx.repos.incidents.update(c.incident_id, before, now);
        ctx.repos.incidents.addHistory({
          incidentId: c.incident_id,
          batchId: id,
          kind: 'revert',
          changedAt: now,
          before: fieldsOf(current),
          changes: diffFields(fieldsOf(current), before),
        });
        reverted++;
      }
    }
    ctx.repos.imports.markRolledBack(id, now);
    ctx.audit.inTransaction(actor, {
      action: 'alteration',
      object: { op: 'rollback', batch: id, file: batch.file_name, removed, reverted },
      rows: removed + reverted,
    });
    return { batchId: id, removed, reverted };
  });
}

/**
 * Erases what a rolled-back batch left behind: the rejected rows (which hold the file's bad lines
 * verbatim) and the history it wrote (which holds the values it brought). Only after a rollback, so
 * nothing still in use disappears; the database is opened with secure_delete so the bytes do not
 * linger in free pages.
 */
export function eraseImport(ctx: ServiceContext, id: number, actor: Actor): EraseResult {
  const batch = ctx.repos.imports.get(id);
  if (!batch) throw notFound(`no import batch ${id}`);
  if (batch.status !== 'rolled_back') throw conflict(`import batch ${id} is still committed; roll it back before erasing it`);
  if (batch.erased_at) throw conflict(`import batch ${id} was already erased on ${batch.erased_at}`);
  const erased = ctx.repos.immediateTransaction(() => {
    const e = ctx.repos.imports.erase(id, ctx.now());
    // Copies of the erased records elsewhere: detection runs that still name incidents no longer
    // stored (their series were computed from them) and saved-series members without an incident.
    let detectionRuns = 0;
    for (const run of ctx.repos.detectionRuns.allSeries()) {
      const refs = [...new Set(parseStored(storedSeries, run.series_json, 'detection run').flatMap((s) => s.incidents))];
      const stored = ctx.repos.incidents.findByReferences(refs);
      if (refs.some((r) => !stored.has(r))) {
        ctx.repos.detectionRuns.remove(run.id);
        detectionRuns++;
      }
    }
    const savedSeriesMembers = ctx.repos.series.removeOrphanMembers();
    const detectedSeries = ctx.repos.detectedSeries.removeOrphans();
    const all = { ...e, detectionRuns, detectedSeries, savedSeriesMembers };
    ctx.audit.inTransaction(actor, {
      action: 'erasure',
      object: { batch: id, file: batch.file_name, ...all },
      rows: e.incidents + e.history + e.rejected,
    });
    return all;
  });
  ctx.repos.checkpoint();
  return { batchId: id, erased };
}
