import { PassThrough, type Writable } from 'node:stream';
import {
  CHANNEL_LABELS,
  IMPERSONATED_LABELS,
  METHOD_LABELS,
  MONTH_NAMES,
  OUTCOME_LABELS,
  PLACE_MATCH_LABELS,
  type IncidentExportQuery,
  type IncidentSort,
} from '@scam/shared';
import type { ResolvedFilters } from '../domain/filters.js';
import type { IncidentRow } from '../db/repos/incidents.repo.js';
import { HttpError } from '../lib/http-error.js';
import type { ServiceContext } from './context.js';
import { csvLine, UTF8_BOM } from './csv.js';
import { exportFileName, PROTECTIVE_MARKING } from './export-names.js';

/**
 * The incident exports (CSV and Excel) say what the screen says: the same labels, money and dates as
 * the incident table shows them, in the table's order. The Excel file keeps dates and money typed, so
 * a spreadsheet can sort and sum them; the CSV, which has no types, carries the text as shown.
 */

const SHORT_MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3));
const POUNDS_AND_PENCE = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2 });

/** "2 Oct 2023", as the dashboard's formatDate writes a day. */
export function screenDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return `${d} ${SHORT_MONTHS[m - 1] ?? '?'} ${y}`;
}

/** "£1,201.10", as the incident table writes a loss. */
export function screenMoney(pence: number): string {
  return POUNDS_AND_PENCE.format(pence / 100);
}

/** A calendar day as the instant Excel counts from (UTC midnight), so no time zone can shift it. */
function excelDay(iso: string | null): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/**
 * A vocabulary label as a cell: capitalised, as the other label columns are. The payment labels are
 * written for the middle of a sentence ("asked for bank card"), and a column that says "unknown" beside
 * one that says "Unknown" cannot be filtered as one.
 */
function cellLabel(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

type Kind = 'text' | 'date' | 'money' | 'number';
export interface ExportColumn {
  header: string;
  kind: Kind;
  width: number;
  /** The stored value: a day (`YYYY-MM-DD`), pence, a number or text. */
  get: (r: IncidentRow) => string | number | null;
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: 'Reference', kind: 'text', width: 16, get: (r) => r.reference },
  { header: 'Offence date', kind: 'date', width: 13, get: (r) => r.offence_date },
  { header: 'Committed up to', kind: 'date', width: 13, get: (r) => r.offence_date_to },
  { header: 'Report date', kind: 'date', width: 13, get: (r) => r.report_date },
  { header: 'Place', kind: 'text', width: 18, get: (r) => r.place },
  { header: 'District', kind: 'text', width: 18, get: (r) => r.district },
  { header: 'Town as written', kind: 'text', width: 18, get: (r) => r.town_raw },
  { header: 'Postcode district', kind: 'text', width: 10, get: (r) => r.postcode_district },
  { header: 'Method', kind: 'text', width: 24, get: (r) => METHOD_LABELS[r.method] },
  { header: 'Method as reported', kind: 'text', width: 28, get: (r) => r.method_raw },
  { header: 'Outcome', kind: 'text', width: 20, get: (r) => OUTCOME_LABELS[r.outcome] },
  { header: 'Outcome as reported', kind: 'text', width: 20, get: (r) => r.outcome_raw },
  { header: 'Amount lost', kind: 'money', width: 14, get: (r) => r.loss_pence },
  { header: 'Victim age', kind: 'number', width: 8, get: (r) => r.victim_age },
  { header: 'Age band', kind: 'text', width: 10, get: (r) => cellLabel(r.age_band) },
  { header: 'Posing as', kind: 'text', width: 14, get: (r) => IMPERSONATED_LABELS[r.impersonated] },
  { header: 'Payment', kind: 'text', width: 18, get: (r) => cellLabel(CHANNEL_LABELS[r.channel]) },
  { header: 'Caller number', kind: 'text', width: 16, get: (r) => r.caller_number },
  { header: 'Payee account', kind: 'text', width: 22, get: (r) => r.payee_account },
  { header: 'Summary', kind: 'text', width: 50, get: (r) => r.summary },
  { header: 'County', kind: 'text', width: 14, get: (r) => r.county },
  { header: 'Latitude', kind: 'number', width: 10, get: (r) => r.lat },
  { header: 'Longitude', kind: 'number', width: 10, get: (r) => r.lon },
];

export function asText(c: ExportColumn, r: IncidentRow): string | number | null {
  const v = c.get(r);
  if (v === null) return null;
  if (c.kind === 'date') return screenDate(String(v));
  if (c.kind === 'money') return screenMoney(Number(v));
  return v;
}

export function asCell(c: ExportColumn, r: IncidentRow): string | number | Date | null {
  const v = c.get(r);
  if (v === null) return null;
  if (c.kind === 'date') return excelDay(String(v));
  if (c.kind === 'money') return Number(v) / 100;
  return v;
}

export const NUMBER_FORMATS: Partial<Record<Kind, string>> = { date: 'd mmm yyyy', money: '"£"#,##0.00' };

export const SORT_LABELS: Record<IncidentSort, string> = {
  offenceDate: 'Offence date',
  reportDate: 'Report date',
  reference: 'Reference',
  place: 'Place',
  district: 'District',
  method: 'Method',
  outcome: 'Outcome',
  lossPence: 'Loss',
  age: 'Age',
};

/** The filters in words, one line each: the second sheet of the Excel file, and the file's name. */
export function describeFilters(ctx: ServiceContext, f: ResolvedFilters): { label: string; value: string; short: string }[] {
  const out: { label: string; value: string; short: string }[] = [];
  if (f.from || f.to) {
    const value = `${f.from ? screenDate(f.from) : 'the start'} to ${f.to ? screenDate(f.to) : 'today'}`;
    out.push({ label: 'Period', value, short: `${f.from ?? 'start'} to ${f.to ?? 'today'}` });
  }
  const list = (label: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) out.push({ label, value: values.join(', '), short: values.join('+') });
  };
  list(
    'Methods',
    f.methods?.map((m) => METHOD_LABELS[m]),
  );
  list(
    'Districts',
    f.districtCodes?.map((c) => ctx.geo.findDistrict(c)?.name ?? c),
  );
  list('Places', f.places);
  list(
    'Placed',
    f.placeMatches?.map((m) => PLACE_MATCH_LABELS[m]),
  );
  list(
    'Outcomes',
    f.outcomes?.map((o) => OUTCOME_LABELS[o]),
  );
  list('Age bands', f.ageBands?.map(cellLabel));
  if (f.minLossPence !== undefined || f.maxLossPence !== undefined) {
    const lo = f.minLossPence !== undefined ? screenMoney(f.minLossPence) : null;
    const hi = f.maxLossPence !== undefined ? screenMoney(f.maxLossPence) : null;
    const value = lo && hi ? `${lo} to ${hi}` : lo ? `at least ${lo}` : `at most ${hi ?? ''}`;
    out.push({ label: 'Amount lost', value, short: `loss ${value}` });
  }
  return out;
}

/** "OFFICIAL-SENSITIVE Hertfordshire incidents 2023-10-01 to 2023-10-31 Courier fraud 2026-11-23.xlsx". */
export function incidentsFileName(ctx: ServiceContext, filters: ResolvedFilters, ext: 'csv' | 'xlsx'): string {
  const described = describeFilters(ctx, filters);
  const what = described.length > 0 ? described.map((d) => d.short).join(' ') : 'all';
  return exportFileName(`${ctx.config.FORCE_AREA} incidents ${what}`, ctx.today(), ext);
}

const EXPORT_PAGE = 5000;

function* pages(ctx: ServiceContext, filters: ResolvedFilters, q: IncidentExportQuery): Generator<IncidentRow[]> {
  let after: IncidentRow | null = null;
  for (;;) {
    const rows = ctx.repos.incidents.exportPage(filters, q.sort, q.order, after, EXPORT_PAGE);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1] as IncidentRow;
  }
}

/** The filtered set as CSV in the table's order, a page at a time so a national export never sits in memory whole. */
export function* incidentsCsv(
  ctx: ServiceContext,
  filters: ResolvedFilters,
  q: IncidentExportQuery,
): Generator<{ text: string; rows: number; references: string[] }, number> {
  yield { text: UTF8_BOM + csvLine(EXPORT_COLUMNS.map((c) => c.header)), rows: 0, references: [] };
  let n = 0;
  for (const rows of pages(ctx, filters, q)) {
    n += rows.length;
    yield {
      text: rows.map((row) => csvLine(EXPORT_COLUMNS.map((c) => asText(c, row)))).join(''),
      rows: rows.length,
      references: rows.map((r) => r.reference),
    };
  }
  return n;
}

/** A worksheet holds 1,048,576 rows; one is the header. */
export const MAX_XLSX_ROWS = 1_048_575;

function countMatching(ctx: ServiceContext, filters: ResolvedFilters): number {
  return ctx.facts.current().count(filters);
}

/** Refuses, before a byte is sent, an export that would not fit in one worksheet. */
export function checkXlsxSize(ctx: ServiceContext, filters: ResolvedFilters): number {
  const n = countMatching(ctx, filters);
  if (n > MAX_XLSX_ROWS) {
    throw new HttpError(
      422,
      'too_many_rows',
      `${n.toLocaleString('en-GB')} incidents match these filters; a worksheet holds ${MAX_XLSX_ROWS.toLocaleString('en-GB')}. Narrow the filters or export CSV`,
    );
  }
  return n;
}

/**
 * Writes the Excel file to `out` a page at a time with exceljs's streaming writer (rows are committed
 * and leave memory as they go): sheet "Incidents" with a frozen header row carrying filter buttons, typed dates and money;
 * sheet "Filters" saying what the file holds, for whom and when. `gone()` stops it when the client left.
 * Resolves once the last byte has been handed to `out`.
 */
export async function writeIncidentsXlsx(
  ctx: ServiceContext,
  filters: ResolvedFilters,
  q: IncidentExportQuery,
  meta: { exportedBy: string },
  out: Writable,
  /** Called with each page's references: the audit entry counts what was sent, even when the client stops reading. */
  onRows: (references: readonly string[]) => void,
  gone: () => boolean,
): Promise<void> {
  // The writer's zip stream goes through a PassThrough we own: if the client goes away, what is left
  // is drained into nothing instead of erroring on a closed socket.
  const pipe = new PassThrough();
  pipe.pipe(out);
  // Loaded on the first Excel export only: exceljs and its zip libraries took half a second and tens of
  // megabytes at the start of the server and of every worker thread, none of which writes Excel.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pipe, useStyles: true, useSharedStrings: false });
  wb.creator = meta.exportedBy;
  const sheet = wb.addWorksheet('Incidents', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    ...(NUMBER_FORMATS[c.kind] ? { style: { numFmt: NUMBER_FORMATS[c.kind] } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  for (const rows of pages(ctx, filters, q)) {
    if (gone()) break;
    for (const r of rows) sheet.addRow(EXPORT_COLUMNS.map((c) => asCell(c, r))).commit();
    written += rows.length;
    onRows(rows.map((r) => r.reference));
    // Lets the socket drain and other requests run between pages.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // Filter buttons on the header row, over every row written (the streaming writer puts it after the data).
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: written + 1, column: EXPORT_COLUMNS.length } };
  sheet.commit();

  const about = wb.addWorksheet('Filters');
  about.columns = [
    { header: 'Filter', key: 'label', width: 18 },
    { header: 'Value', key: 'value', width: 60 },
  ];
  about.getRow(1).font = { bold: true };
  const described = describeFilters(ctx, filters);
  const lines: [string, string][] = [
    ['Marking', PROTECTIVE_MARKING],
    ['Force', ctx.config.FORCE_AREA],
    ...(described.length > 0
      ? described.map((d): [string, string] => [d.label, d.value])
      : [['Filters', 'None: every incident'] as [string, string]]),
    ['Sorted by', `${SORT_LABELS[q.sort]}, ${q.order === 'asc' ? 'ascending' : 'descending'}`],
    ['Incidents', written.toLocaleString('en-GB')],
    ['Exported on', screenDate(ctx.today())],
    ['Exported by', meta.exportedBy],
  ];
  for (const [label, value] of lines) about.addRow({ label, value }).commit();
  about.commit();
  if (gone()) {
    pipe.unpipe(out);
    pipe.resume();
  }
  await wb.commit();
}
