import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  bytesSource,
  createRowNormaliser,
  IngestFileError,
  normaliseFile,
  openCsvStream,
  rejectedRowsCsv,
  STREAM_BATCH_ROWS,
  type CsvRow,
  type CsvStreamSource,
  type NormalisedIncident,
  type RowOutcome,
} from '@scam/ingest';
import type {
  ColumnMapping,
  EraseResult,
  ImportBatch,
  ImportBatchList,
  ImportCounts,
  ImportPlanLine,
  ImportResult,
  RememberedMapping,
  RollbackResult,
  RowError,
  RowNotice,
} from '@scam/shared';
import { toImportBatch, type ImportBatchRow, type ImportMappingRow } from '../db/repos/imports.repo.js';
import {
  INCIDENT_FIELD_COLUMNS,
  storedFields,
  type HistoryEntry,
  type IncidentFields,
  type IncidentRow,
} from '../db/repos/incidents.repo.js';
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
import { csvLine, UTF8_BOM } from './csv.js';
import { redactErased } from './series-assessments.service.js';

export interface ImportRequest {
  data: Uint8Array;
  fileName: string;
  mapping?: Record<string, string> | undefined;
  dryRun: boolean;
  actor: Actor;
  /** Called as rows are written, so the CLI can draw a progress bar. */
  onProgress?: (phase: 'checking' | 'writing', done: number, total: number) => void;
}

/**
 * Responses carry at most this many row errors, notices and plan lines; the full lists are the
 * rejected-rows and notices CSVs.
 */
export const MAX_ERRORS_IN_RESPONSE = 1000;
const MAX_NOTICES_IN_RESPONSE = 1000;
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

function refuse(err: IngestFileError): HttpError {
  const status = err.code === 'file_too_large' ? 413 : 400;
  return new HttpError(status, err.code === 'file_too_large' ? 'file_too_large' : 'file_refused', err.message, [
    { message: err.message, path: err.code },
  ]);
}

/**
 * The one import pipeline behind the CLI and POST /api/imports, for a file already in memory: parse and
 * normalise every row, plan each accepted row against the store (insert / update / unchanged), and either
 * report the plan (dry run) or apply all of it in one transaction. `importStream` is the same pipeline
 * reading the file as a stream, for files of any size.
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
      storedLookalike: (reference, key) => ctx.repos.incidents.lookalikeOf(reference, key),
      remembered: (headers) => {
        rememberedRow = ctx.repos.imports.findMapping(headersKey(headers));
        return rememberedRow ? readRemembered(rememberedRow) : undefined;
      },
    });
  } catch (err) {
    if (err instanceof IngestFileError) throw refuse(err);
    throw err;
  }
  const { headers, mapping, rows } = normalised;
  const file = { ...req, fileSize: req.data.byteLength, sha256 };

  // The duplicate check, the plan and the writes see one state of the store: a concurrent writer
  // (the command-line importer) either finished before this BEGIN IMMEDIATE or waits for its COMMIT,
  // so the plan's "insert" cannot meet a row that appeared meanwhile. A dry run only reads.
  const planAndWrite = (): ImportResult => {
    const session = new ImportSession(ctx, file, headers, mapping, rememberedRow);
    for (let i = 0; i < rows.length; i += STREAM_BATCH_ROWS) session.add(rows.slice(i, i + STREAM_BATCH_ROWS));
    return session.finish();
  };
  return req.dryRun ? ctx.repos.transaction(planAndWrite) : ctx.repos.immediateTransaction(planAndWrite);
}

export interface StreamImportRequest extends Omit<ImportRequest, 'data'> {
  source: ImportSource;
}

/** A file to stream: its size and sha256 known before it is read (a same-file re-import writes nothing). */
export interface ImportSource extends CsvStreamSource {
  sha256: string;
}

/** A file on disk, read twice: once for its sha256 and size, then streamed into the import. */
export async function fileImportSource(path: string): Promise<ImportSource> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return {
    size,
    sha256: hash.digest('hex'),
    open: () => createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES }) as AsyncIterable<Buffer>,
  };
}
const FILE_CHUNK_BYTES = 256 * 1024;

export function bytesImportSource(data: Uint8Array): ImportSource {
  return { ...bytesSource(data), sha256: createHash('sha256').update(data).digest('hex') };
}

/**
 * The import pipeline over a stream: the header line is read first (the mapping, explicit or remembered,
 * is decided from it), then rows are parsed, normalised, planned and written a batch at a time, all in
 * one transaction held open across the reads, so memory stays flat whatever the file's size and a file
 * refused half-way (or a crash) leaves the store as it was. Only for a connection nothing else uses
 * while it runs (the import worker's, the CLI's).
 */
export async function importStream(ctx: ServiceContext, req: StreamImportRequest): Promise<ImportResult> {
  let rememberedRow: ImportMappingRow | undefined;
  let tx: { commit: () => void; rollback: () => void } | null = null;
  try {
    const stream = await openCsvStream(req.source, { maxBytes: ctx.config.IMPORT_MAX_BYTES });
    tx = ctx.repos.begin(!req.dryRun);
    const normaliser = createRowNormaliser(stream.headers, {
      gazetteer: ctx.gazetteer,
      today: ctx.today(),
      mapping: req.mapping,
      remembered: (headers) => {
        rememberedRow = ctx.repos.imports.findMapping(headersKey(headers));
        return rememberedRow ? readRemembered(rememberedRow) : undefined;
      },
      firstLineOf: ctx.repos.imports.referenceTracker(),
      storedLookalike: (reference, key) => ctx.repos.incidents.lookalikeOf(reference, key),
    });
    const session = new ImportSession(
      ctx,
      { ...req, fileSize: req.source.size, sha256: req.source.sha256 },
      stream.headers,
      normaliser.mapping,
      rememberedRow,
    );
    for await (const rows of stream.batches) {
      const outcomes: RowOutcome[] = new Array<RowOutcome>(rows.length);
      for (let i = 0; i < rows.length; i++) outcomes[i] = normaliser.normalise(rows[i] as CsvRow);
      session.add(outcomes);
    }
    const result = session.finish();
    if (req.dryRun) tx.rollback();
    else tx.commit();
    return result;
  } catch (err) {
    tx?.rollback();
    if (err instanceof IngestFileError) throw refuse(err);
    throw err;
  }
}

interface SessionFile {
  fileName: string;
  fileSize: number;
  sha256: string;
  mapping?: Record<string, string> | undefined;
  dryRun: boolean;
  actor: Actor;
  onProgress?: ImportRequest['onProgress'];
}

/**
 * One import inside its transaction, fed rows a batch at a time: plans each accepted row against the
 * store and (unless a dry run or a file already imported) writes it at once, so nothing but the counts,
 * the first errors and the first plan lines is kept between batches.
 */
class ImportSession {
  private readonly counts: ImportCounts = { rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  private readonly errors: RowError[] = [];
  private errorCount = 0;
  private readonly notices: RowNotice[] = [];
  private noticeCount = 0;
  private readonly plan: ImportPlanLine[] = [];
  /** The batch row this import writes under; null for a dry run and a file already imported. */
  private readonly batchId: number | null;
  /** The same bytes committed before: rows are counted and nothing is written. */
  private readonly earlier: ImportBatchRow | undefined;
  private readonly now: string;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly file: SessionFile,
    private readonly headers: string[],
    private readonly mapping: ColumnMapping[],
    private readonly rememberedRow: ImportMappingRow | undefined,
  ) {
    this.now = ctx.now();
    // The same bytes again: report it and write nothing, so a double upload can never double-count.
    this.earlier = ctx.repos.imports.findCommittedBySha(file.sha256);
    this.batchId =
      this.earlier || file.dryRun
        ? null
        : ctx.repos.imports.create({
            fileName: file.fileName,
            fileSize: file.fileSize,
            sha256: file.sha256,
            mapping,
            headers,
            counts: this.counts,
            importedBy: file.actor.name,
            importedAt: this.now,
          });
  }

  add(outcomes: readonly RowOutcome[]): void {
    const { ctx, counts, batchId } = this;
    counts.rows += outcomes.length;
    const references: string[] = [];
    for (const o of outcomes) {
      if (o.ok) {
        references.push(o.incident.reference);
        for (const n of o.notices) {
          this.noticeCount++;
          if (this.notices.length < MAX_NOTICES_IN_RESPONSE) this.notices.push(n);
          if (batchId !== null) ctx.repos.imports.addNotice(batchId, n);
        }
      } else {
        counts.rejected++;
        this.errorCount += o.errors.length;
        for (const e of o.errors) if (this.errors.length < MAX_ERRORS_IN_RESPONSE) this.errors.push(e);
        if (batchId !== null) ctx.repos.imports.addRejected(batchId, o.line, o.raw, o.errors);
      }
    }
    if (this.earlier) {
      counts.unchanged += references.length;
      return;
    }
    const existing = ctx.repos.incidents.findByReferences(references);
    const history: HistoryEntry[] = [];
    for (const o of outcomes) {
      if (!o.ok) continue;
      const fields = toFields(o.incident);
      const current = existing.get(o.incident.reference);
      let action: 'insert' | 'update' | 'unchanged';
      if (!current) {
        action = 'insert';
        counts.inserted++;
        if (batchId !== null) {
          const incidentId = ctx.repos.incidents.insert(fields, batchId, this.now);
          history.push({ incidentId, batchId, kind: 'insert', changedAt: this.now, before: null, changes: {} });
        }
      } else if (sameFields(current, fields)) {
        // A row re-sent as it is stored needs no update and no history, only the note that this batch vouches for it.
        action = 'unchanged';
        counts.unchanged++;
        if (batchId !== null) ctx.repos.imports.addUnchanged(batchId, current.id);
      } else {
        action = 'update';
        counts.updated++;
        if (batchId !== null) {
          const before = fieldsOf(current);
          ctx.repos.incidents.update(current.id, fields, this.now);
          history.push({
            incidentId: current.id,
            batchId,
            kind: 'update',
            changedAt: this.now,
            before,
            changes: diffFields(before, fields),
          });
        }
      }
      if (this.file.dryRun && this.plan.length < MAX_PLAN_IN_RESPONSE)
        this.plan.push({ line: o.line, reference: fields.reference, action, place: fields.place, placeMatch: fields.place_match });
    }
    if (history.length > 0) ctx.repos.incidents.addHistoryMany(history);
    if (batchId !== null) this.file.onProgress?.('writing', counts.rows, 0);
  }

  finish(): ImportResult {
    const { ctx, counts, file } = this;
    const accepted = counts.inserted + counts.updated + counts.unchanged;
    const usedRemembered = this.rememberedRow !== undefined && this.mapping.some((m) => m.source === 'remembered');
    const base = {
      dryRun: file.dryRun,
      fileName: file.fileName,
      mapping: this.mapping,
      remembered: usedRemembered && this.rememberedRow ? toRememberedMapping(this.rememberedRow) : null,
      errors: this.errors,
      errorsTruncated: this.errorCount > MAX_ERRORS_IN_RESPONSE,
      notices: this.notices,
      noticesTruncated: this.noticeCount > MAX_NOTICES_IN_RESPONSE,
    };
    if (this.earlier) return { ...base, batchId: this.earlier.id, alreadyImported: true, counts };
    if (file.dryRun) return { ...base, batchId: null, alreadyImported: false, counts, plan: this.plan };
    if (accepted === 0) {
      // Thrown inside the transaction: the batch row written at the start goes with it.
      throw new HttpError(
        422,
        'no_valid_rows',
        `none of the ${counts.rejected} rows in ${file.fileName} could be imported, so nothing was written; fix the rows listed and import again`,
        base.errors.map((e) => ({ line: e.line, column: e.column, value: e.value, message: e.reason })),
      );
    }
    const id = this.batchId as number;
    ctx.repos.imports.setCounts(id, counts, this.noticeCount);
    ctx.audit.inTransaction(file.actor, {
      action: 'collection',
      object: {
        batch: id,
        file: file.fileName,
        sha256: file.sha256,
        inserted: counts.inserted,
        updated: counts.updated,
        rejected: counts.rejected,
      },
      rows: counts.inserted + counts.updated,
    });
    // A mapping set by hand and committed is what this layout means: the next file with these headers gets it.
    if (file.mapping && Object.keys(file.mapping).length > 0) {
      ctx.repos.imports.rememberMapping({
        headersSha256: headersKey(this.headers),
        headers: this.headers,
        mapping: handSet(this.mapping, file.mapping),
        confirmedBy: file.actor.name,
        confirmedAt: this.now,
        batchId: id,
      });
    }
    file.onProgress?.('writing', counts.rows, counts.rows);
    return { ...base, batchId: id, alreadyImported: false, counts };
  }
}

/** Whether a re-sent row is exactly what is stored, without building the diff. */
function sameFields(row: IncidentRow, fields: IncidentFields): boolean {
  for (const c of INCIDENT_FIELD_COLUMNS) if (row[c] !== fields[c]) return false;
  return true;
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
 * The batch's notices as CSV: line, column, value, message, one row per notice in line order. Only what the
 * import stored (the town as written is also the incident's town_raw), so nothing leaves that the
 * import did not already keep; gone with the batch's rejected rows when it is erased.
 */
export function noticesCsv(ctx: ServiceContext, id: number): { fileName: string; csv: string; rows: number } {
  const batch = ctx.repos.imports.get(id);
  if (!batch) throw notFound(`no import batch ${id}`);
  if (batch.erased_at) throw new HttpError(410, 'gone', `import batch ${id} was erased on ${batch.erased_at}; its notices no longer exist`);
  const rows = ctx.repos.imports.notices(id);
  const stem = batch.file_name.replace(/\.csv$/i, '');
  return {
    fileName: `${stem}-notices.csv`,
    csv:
      UTF8_BOM +
      csvLine(['line', 'column', 'value', 'message']) +
      rows.map((r) => csvLine([r.line, r.column_name, r.value, r.message])).join(''),
    rows: rows.length,
  };
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
    const savedSeriesAssessments = redactErased(ctx);
    const detectedSeries = ctx.repos.detectedSeries.removeOrphans();
    const all = { ...e, detectionRuns, detectedSeries, savedSeriesMembers, savedSeriesAssessments };
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
