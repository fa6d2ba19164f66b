import { IMPORT_FIELDS } from '@scam/shared';
import type { ColumnMapping, ImportCounts, ImportField, ImportPlanLine } from '@scam/shared';

export type FieldChoice = ImportField | 'ignore';

export const FIELD_CHOICES: readonly FieldChoice[] = [...IMPORT_FIELDS, 'ignore'];

/** The columns the importer cannot do without (mirrors the ingest package's rule, for the hint). */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['reference', 'offenceDate', 'town', 'method'];

export const FIELD_LABELS: Record<FieldChoice, string> = {
  reference: 'Reference',
  offenceDate: 'Offence date',
  offenceDateTo: 'Committed up to (last offence date)',
  reportDate: 'Report date',
  town: 'Town',
  method: 'Method',
  loss: 'Loss (£)',
  outcome: 'Outcome',
  age: 'Victim age',
  summary: 'Summary / notes',
  impersonated: 'Impersonated',
  channel: 'Payment channel',
  postcodeDistrict: 'Postcode district',
  callerNumber: 'Caller number',
  payeeAccount: 'Payee account',
  ignore: 'Ignore this column',
};

export interface MappingRow {
  header: string;
  choice: FieldChoice;
  source: ColumnMapping['source'] | 'changed';
}

/**
 * The mapping table: what the server detected, with the user's overrides on top. The server's
 * answer is the truth for columns the user has not touched.
 */
export function mappingRows(detected: readonly ColumnMapping[], overrides: Readonly<Record<string, FieldChoice>>): MappingRow[] {
  return detected.map((m) => {
    const override = overrides[m.header];
    if (override !== undefined) return { header: m.header, choice: override, source: 'changed' };
    return { header: m.header, choice: m.field ?? 'ignore', source: m.source };
  });
}

/** The multipart `mapping` field: only the overridden headers; "ignore" drops a column. */
export function mappingPayload(overrides: Readonly<Record<string, FieldChoice>>): string | null {
  const entries = Object.entries(overrides);
  return entries.length > 0 ? JSON.stringify(Object.fromEntries(entries)) : null;
}

export interface MappingProblem {
  kind: 'duplicate' | 'missing';
  message: string;
}

/** Problems to flag before the user re-runs: a field used twice, a required field not mapped. */
export function mappingProblems(rows: readonly MappingRow[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const byField = new Map<ImportField, string[]>();
  for (const row of rows) {
    if (row.choice === 'ignore') continue;
    byField.set(row.choice, [...(byField.get(row.choice) ?? []), row.header]);
  }
  for (const [field, headers] of byField) {
    if (headers.length > 1) {
      problems.push({ kind: 'duplicate', message: `${FIELD_LABELS[field]} is chosen for ${headers.map((h) => `"${h}"`).join(' and ')}` });
    }
  }
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => !byField.has(f));
  if (missing.length > 0) {
    problems.push({ kind: 'missing', message: `No column is mapped to ${missing.map((f) => FIELD_LABELS[f]).join(', ')}` });
  }
  return problems;
}

/**
 * The header line of a CSV file, for showing a mapping table when the server refused the file for
 * its columns (and so returned no mapping). Handles quotes, doubled quotes and a byte-order mark.
 */
export function parseHeaderLine(text: string): string[] {
  const src = text.replace(/^\uFEFF/, '');
  const headers: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i += 1) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      headers.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      break;
    } else {
      cell += ch;
    }
  }
  headers.push(cell.trim());
  return headers.length === 1 && headers[0] === '' ? [] : headers;
}

/** A sentence for the plan: "12 new, 3 updated, 40 unchanged, 2 rejected". */
export function countsSentence(c: ImportCounts): string {
  return `${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected (of ${c.rows} rows)`;
}

/**
 * Where the plan puts a row, in words: the place, and how it was found when that is not a place in the
 * force area ("Hertsmere (district centre)", "Luton (outside Hertfordshire)").
 */
export function placedAt(line: Pick<ImportPlanLine, 'place' | 'placeMatch'>, forceArea: string): string {
  if (line.placeMatch === 'district') return `${line.place} (district centre)`;
  if (line.placeMatch === 'national') return `${line.place} (outside ${forceArea})`;
  return line.place;
}
