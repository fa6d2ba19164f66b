import { createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { ZipArchive } from 'archiver';
import type { HandoverManifest, SavedSeries, SavedSeriesPackQuery, SeriesAssessment } from '@scam/shared';
import type { IncidentRow } from '../db/repos/incidents.repo.js';
import { notFound } from '../lib/http-error.js';
import { renderBriefingHtml } from './briefing-html.js';
import type { Actor, ServiceContext } from './context.js';
import { csvLine, UTF8_BOM } from './csv.js';
import { exportFileName, PROTECTIVE_MARKING } from './export-names.js';
import { asCell, asText, EXPORT_COLUMNS, NUMBER_FORMATS, screenDate, type ExportColumn } from './incidents-export.js';
import { toAssessment } from './series-assessments.service.js';
import { getSaved } from './series.service.js';

/**
 * The handover pack: a saved series as it goes to another unit (the regional unit, the national fraud
 * bureau, a neighbouring force), in one zip whose manifest lists every other file with its sha256, so
 * the receiver can tell the files are the ones sent. The figures come from one frozen assessment; the
 * incident files list the series' members as their records stand now, marked in or out of it.
 */

export interface PackFile {
  name: string;
  data: Buffer;
}

export interface HandoverPack {
  fileName: string;
  manifest: HandoverManifest;
  /** The files in zip order, manifest.json last. */
  files: PackFile[];
  /** Member incidents in the incident files (for the audit entry's row count). */
  rows: number;
  /** Their references, for the audit entry (who was handed HC/26/44019?). */
  references: string[];
}

/** "OFFICIAL-SENSITIVE Hertfordshire handover pack Op Falcon for ERSOU 2026-11-23.zip". */
export function packFileName(ctx: ServiceContext, saved: Pick<SavedSeries, 'name'>, recipient: string): string {
  return exportFileName(`${ctx.config.FORCE_AREA} handover pack ${saved.name} for ${recipient}`, ctx.today(), 'zip');
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The member columns, then whether each was among the members of the assessment the pack carries. */
function packColumns(a: SeriesAssessment): ExportColumn[] {
  const assessed = new Set(a.members);
  return [
    ...EXPORT_COLUMNS,
    { header: `In assessment ${a.seq}`, kind: 'text', width: 14, get: (r: IncidentRow) => (assessed.has(r.reference) ? 'Yes' : 'No') },
  ];
}

function membersCsv(columns: readonly ExportColumn[], rows: readonly IncidentRow[]): Buffer {
  const lines = [UTF8_BOM + csvLine(columns.map((c) => c.header)), ...rows.map((r) => csvLine(columns.map((c) => asText(c, r))))];
  return Buffer.from(lines.join(''), 'utf8');
}

async function membersXlsx(
  columns: readonly ExportColumn[],
  rows: readonly IncidentRow[],
  about: [string, string][],
  exportedBy: string,
): Promise<Buffer> {
  // A series has at most a few thousand members: the workbook is built in memory, since its sha256
  // must be known before the manifest is written anyway.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = exportedBy;
  const sheet = wb.addWorksheet('Incidents', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    ...(NUMBER_FORMATS[c.kind] ? { style: { numFmt: NUMBER_FORMATS[c.kind] } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => asCell(c, r)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const info = wb.addWorksheet('About');
  info.columns = [
    { header: 'About', key: 'label', width: 20 },
    { header: 'Value', key: 'value', width: 70 },
  ];
  info.getRow(1).font = { bold: true };
  for (const [label, value] of about) info.addRow({ label, value });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Builds every file of the pack for saved series `id`: reads happen in one transaction, so the
 * records, the assessment and the data version agree with each other.
 */
export async function buildHandoverPack(ctx: ServiceContext, id: number, q: SavedSeriesPackQuery, actor: Actor): Promise<HandoverPack> {
  const read = ctx.repos.transaction(() => {
    const saved: SavedSeries = getSaved(ctx, id);
    const assessments = ctx.repos.series.assessments(id).map(toAssessment);
    const used = q.assessment === undefined ? assessments.at(-1) : assessments.find((a) => a.seq === q.assessment);
    if (!used) {
      throw notFound(
        q.assessment === undefined
          ? `saved series ${id} has no assessment to hand over`
          : `saved series ${id} has no assessment ${q.assessment}`,
      );
    }
    const rows = ctx.repos.incidents.byReferences([...new Set([...saved.incidents, ...used.members])]);
    return { saved, assessments, used, rows, dataVersion: ctx.repos.facts.dataVersion() };
  });
  const { saved, assessments, used, dataVersion } = read;
  const current = new Set(saved.incidents);
  const memberRows = read.rows.filter((r) => current.has(r.reference));
  const exportedAt = ctx.now();
  const columns = packColumns(used);
  const assessedLine = `${used.seq} of ${assessments.length} (${used.kind} by ${used.by}, ${used.at})`;
  const about: [string, string][] = [
    ['Marking', PROTECTIVE_MARKING],
    ['Force', ctx.config.FORCE_AREA],
    ['Series', `${saved.name} (saved series ${saved.id})`],
    ['Assessment', assessedLine],
    ['Recipient', q.recipient],
    ['Incidents', memberRows.length.toLocaleString('en-GB')],
    ['Exported on', screenDate(ctx.today())],
    ['Exported by', actor.name],
  ];
  const stored = new Set(read.rows.map((r) => r.reference));
  const evidence = {
    marking: PROTECTIVE_MARKING,
    series: {
      id: saved.id,
      name: saved.name,
      method: saved.method,
      status: saved.status,
      detectedId: saved.detectedId,
      notes: saved.notes,
    },
    assessmentUsed: used.seq,
    /** Every assessment, oldest first, exactly as frozen. */
    assessments,
    /** Per member of the assessment used, what tied it to the series then. */
    evidence: used.evidence,
    /** The series' members now: whether each was in the assessment used and whether its record is still stored. */
    members: saved.incidents.map((reference) => ({
      reference,
      inAssessment: used.members.includes(reference),
      stored: stored.has(reference),
    })),
    removedSinceAssessment: used.members.filter((r) => !current.has(r)),
  };
  const briefing = renderBriefingHtml({
    marking: PROTECTIVE_MARKING,
    force: ctx.config.FORCE_AREA,
    title: saved.name,
    status: saved.status,
    method: saved.method,
    assessment: used,
    totalAssessments: assessments.length,
    records: read.rows.map((r) => ({
      reference: r.reference,
      lossPence: r.loss_pence,
      outcome: r.outcome,
      lat: r.lat,
      lon: r.lon,
      place: r.place,
    })),
    notAssessed: saved.incidents.filter((r) => !used.members.includes(r)),
    boundaries: ctx.geo.forceBoundaries,
    recipient: q.recipient,
    exportedBy: actor.name,
    exportedAt,
  });
  const files: PackFile[] = [
    { name: 'incidents.xlsx', data: await membersXlsx(columns, memberRows, about, actor.name) },
    { name: 'incidents.csv', data: membersCsv(columns, memberRows) },
    { name: 'evidence.json', data: Buffer.from(`${JSON.stringify(evidence, null, 2)}\n`, 'utf8') },
    { name: 'briefing.html', data: Buffer.from(briefing, 'utf8') },
  ];
  const manifest: HandoverManifest = {
    files: files.map((f) => ({ name: f.name, sha256: sha256(f.data) })),
    recipient: q.recipient,
    series: { id: saved.id, name: saved.name, method: saved.method, status: saved.status },
    assessment: { seq: used.seq, kind: used.kind, at: used.at, by: used.by, dataVersion: used.dataVersion },
    dataVersion,
    exportedBy: { name: actor.name, role: actor.role },
    exportedAt,
    marking: PROTECTIVE_MARKING,
  };
  files.push({ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') });
  return {
    fileName: packFileName(ctx, saved, q.recipient),
    manifest,
    files,
    rows: memberRows.length,
    references: memberRows.map((r) => r.reference),
  };
}

/** Streams the pack as a zip into `out`; resolves once the archive is complete. */
export async function writePackZip(pack: HandoverPack, out: Writable): Promise<void> {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  await new Promise<void>((resolve, reject) => {
    let done = false;
    // A client that goes away mid-download stops the archive, rather than leaving it waiting on a
    // socket that will never drain with the whole pack held in memory.
    out.once('close', () => {
      if (done) return;
      done = true;
      zip.abort();
      resolve();
    });
    zip.on('error', (err) => {
      if (done) return;
      done = true;
      reject(err);
    });
    zip.pipe(out);
    const date = new Date(pack.manifest.exportedAt);
    for (const f of pack.files) zip.append(f.data, { name: f.name, date });
    zip.finalize().then(
      () => {
        done = true;
        resolve();
      },
      (err: unknown) => {
        if (done) return;
        done = true;
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}
