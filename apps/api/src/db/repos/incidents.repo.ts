import type {
  AgeBand,
  Channel,
  IdentifierSearch,
  Impersonated,
  Incident,
  IncidentChange,
  IncidentSort,
  Method,
  Outcome,
  PlaceMatch,
} from '@scam/shared';
import { z } from 'zod';
import { referenceKey } from '@scam/ingest';
import type { Db } from '../connection.js';
import type { ResolvedFilters } from '../../domain/filters.js';
import { whereFor } from './filter-sql.js';
import { StatementCache } from './statement-cache.js';
import { parseStored, storedChanges } from './stored-json.js';

/** A row of `incidents` exactly as stored. */
export interface IncidentRow {
  id: number;
  reference: string;
  offence_date: string;
  offence_date_to: string | null;
  report_date: string | null;
  town_raw: string;
  place: string;
  district_code: string;
  district: string;
  county: string;
  lat: number;
  lon: number;
  place_match: PlaceMatch;
  postcode_district: string | null;
  method: Method;
  method_raw: string;
  method_rule: string;
  impersonated: Impersonated;
  channel: Channel;
  loss_pence: number;
  outcome: Outcome;
  outcome_raw: string;
  victim_age: number | null;
  age_band: AgeBand;
  caller_number: string | null;
  payee_account: string | null;
  summary: string;
  batch_id: number;
  created_at: string;
  updated_at: string;
}

/** The fields an import sets: everything but the id, batch and timestamps. */
export type IncidentFields = Omit<IncidentRow, 'id' | 'batch_id' | 'created_at' | 'updated_at'>;

export const INCIDENT_FIELD_COLUMNS = [
  'reference',
  'offence_date',
  'offence_date_to',
  'report_date',
  'town_raw',
  'place',
  'district_code',
  'district',
  'county',
  'lat',
  'lon',
  'place_match',
  'postcode_district',
  'method',
  'method_raw',
  'method_rule',
  'impersonated',
  'channel',
  'loss_pence',
  'outcome',
  'outcome_raw',
  'victim_age',
  'age_band',
  'caller_number',
  'payee_account',
  'summary',
] as const satisfies readonly (keyof IncidentFields)[];

const COLUMNS = ['id', ...INCIDENT_FIELD_COLUMNS, 'batch_id', 'created_at', 'updated_at'].join(', ');

/**
 * A record as a history row stored it (`before_json`). Checked, not cast: a row written before a
 * migration added a column lacks that column, one written before a column was dropped has an extra
 * key, and a hand-edited one may hold anything. Each known field must be a string, number or null
 * (the table's CHECK constraints judge the values when they are written back).
 */
const storedFieldsSchema = z.object(
  Object.fromEntries(INCIDENT_FIELD_COLUMNS.map((c) => [c, z.union([z.string(), z.number(), z.null()]).optional()])),
);

/**
 * The record a rollback restores: the stored fields over the current record, so a field the history
 * row does not know keeps its current value instead of making the rollback throw.
 */
export function storedFields(json: string, current: IncidentFields): IncidentFields {
  const stored = parseStored(storedFieldsSchema, json, 'record');
  const known = Object.fromEntries(Object.entries(stored).filter(([, v]) => v !== undefined));
  return { ...current, ...known } as IncidentFields;
}

export interface HistoryRow {
  id: number;
  incident_id: number;
  batch_id: number | null;
  kind: 'insert' | 'update' | 'revert';
  changed_at: string;
  before_json: string | null;
  changes_json: string;
}

const SORT_COLUMNS: Record<IncidentSort, string> = {
  offenceDate: 'offence_date',
  reportDate: 'report_date',
  reference: 'reference',
  place: 'place',
  district: 'district',
  method: 'method',
  outcome: 'outcome',
  lossPence: 'loss_pence',
  age: 'victim_age',
};

/** Sort columns that may be NULL (NULLS LAST puts them after every value, whichever the direction). */
const NULLABLE_SORTS: ReadonlySet<IncidentSort> = new Set<IncidentSort>(['reportDate', 'age']);

export function toIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    reference: r.reference,
    offenceDate: r.offence_date,
    offenceDateTo: r.offence_date_to,
    reportDate: r.report_date,
    townRaw: r.town_raw,
    place: r.place,
    district: r.district,
    districtCode: r.district_code,
    county: r.county,
    lat: r.lat,
    lon: r.lon,
    placeMatch: r.place_match,
    postcodeDistrict: r.postcode_district,
    method: r.method,
    methodRaw: r.method_raw,
    methodRule: r.method_rule,
    impersonated: r.impersonated,
    channel: r.channel,
    lossPence: r.loss_pence,
    outcome: r.outcome,
    outcomeRaw: r.outcome_raw,
    victimAge: r.victim_age,
    ageBand: r.age_band,
    callerNumber: r.caller_number,
    payeeAccount: r.payee_account,
    summary: r.summary,
    batchId: r.batch_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createIncidentsRepo(db: Db) {
  const cache = new StatementCache(db);
  const byId = db.prepare<[number], IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE id = ?`);
  const byReference = db.prepare<[string], IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE reference = ?`);
  const history = db.prepare<[number], HistoryRow>(
    'SELECT id, incident_id, batch_id, kind, changed_at, before_json, changes_json FROM incident_history WHERE incident_id = ? ORDER BY id',
  );
  const insert = db.prepare(
    `INSERT INTO incidents (${INCIDENT_FIELD_COLUMNS.join(', ')}, reference_key, batch_id, created_at, updated_at)
     VALUES (${INCIDENT_FIELD_COLUMNS.map((c) => `@${c}`).join(', ')}, @reference_key, @batch_id, @now, @now)`,
  );
  const lookalike = db.prepare<[string, string], { reference: string }>(
    'SELECT reference FROM incidents WHERE reference_key = ? AND reference <> ? ORDER BY id LIMIT 1',
  );
  const update = db.prepare(
    `UPDATE incidents SET ${INCIDENT_FIELD_COLUMNS.filter((c) => c !== 'reference')
      .map((c) => `${c} = @${c}`)
      .join(', ')},
       updated_at = @now WHERE id = @id`,
  );
  const remove = db.prepare<[number]>('DELETE FROM incidents WHERE id = ?');
  const addHistory = db.prepare(
    `INSERT INTO incident_history (incident_id, batch_id, kind, changed_at, before_json, changes_json)
     VALUES (@incidentId, @batchId, @kind, @changedAt, @beforeJson, @changesJson)`,
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM incidents');
  const HISTORY_PER_STATEMENT = 100;
  const historyTuple = '(?, ?, ?, ?, ?, ?)';
  const addHistoryBulk = db.prepare(
    `INSERT INTO incident_history (incident_id, batch_id, kind, changed_at, before_json, changes_json)
     VALUES ${Array.from({ length: HISTORY_PER_STATEMENT }, () => historyTuple).join(', ')}`,
  );

  return {
    get(id: number): IncidentRow | undefined {
      return byId.get(id);
    },
    getByReference(reference: string): IncidentRow | undefined {
      return byReference.get(reference);
    },
    /** Looks references up in chunks, so a million-row import never builds one giant IN list. */
    findByReferences(references: readonly string[]): Map<string, IncidentRow> {
      const found = new Map<string, IncidentRow>();
      const CHUNK = 500;
      for (let i = 0; i < references.length; i += CHUNK) {
        const chunk = references.slice(i, i + CHUNK);
        const stmt = cache.get<IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE reference IN (${chunk.map(() => '?').join(', ')})`);
        for (const row of stmt.all(...chunk)) found.set(row.reference, row);
      }
      return found;
    },
    history(incidentId: number): HistoryRow[] {
      return history.all(incidentId);
    },
    count(): number {
      return count.get()?.n ?? 0;
    },
    list(
      filters: ResolvedFilters,
      opts: {
        sort: IncidentSort;
        order: 'asc' | 'desc';
        limit: number;
        offset: number;
        q?: string | undefined;
        /** `q` read as a caller number or payee account, when it reads as one: matched beside the text. */
        qIdentifier?: IdentifierSearch | undefined;
        identifier?: IdentifierSearch | undefined;
      },
    ) {
      const where = whereFor(filters);
      let sql = where.sql;
      const params: Record<string, string | number> = { ...where.params };
      if (opts.identifier) {
        // caller_key and payee_key are generated columns with an index each (migration 0007).
        const { callerKey, payeeKey } = opts.identifier;
        const either: string[] = [];
        if (callerKey !== null) {
          either.push('caller_key = @callerKey');
          params.callerKey = callerKey;
        }
        if (payeeKey !== null) {
          either.push('payee_key = @payeeKey');
          params.payeeKey = payeeKey;
        }
        sql += `${sql ? ' AND' : 'WHERE'} (${either.length > 0 ? either.join(' OR ') : '0'})`;
      }
      if (opts.q) {
        // Search by reference (prefix) or by town as written or resolved (substring). What the user
        // typed matches literally: "%" and "_" in "HC/23_1" are characters, not wildcards. Text that
        // reads as a caller number or payee account also finds the reports that used it (one search
        // box on the incident page), compared by the same keys as `identifier`.
        const literal = opts.q.replace(/[\\%_]/g, (c) => `\\${c}`);
        params.qPrefix = `${literal}%`;
        params.qAny = `%${literal}%`;
        const any = [`reference LIKE @qPrefix ESCAPE '\\'`, `place LIKE @qAny ESCAPE '\\'`, `town_raw LIKE @qAny ESCAPE '\\'`];
        if (opts.qIdentifier?.callerKey) {
          any.push('caller_key = @qCallerKey');
          params.qCallerKey = opts.qIdentifier.callerKey;
        }
        if (opts.qIdentifier?.payeeKey) {
          any.push('payee_key = @qPayeeKey');
          params.qPayeeKey = opts.qIdentifier.payeeKey;
        }
        sql += `${sql ? ' AND' : 'WHERE'} (${any.join(' OR ')})`;
      }
      const dir = opts.order === 'asc' ? 'ASC' : 'DESC';
      // id breaks ties so paging is stable.
      const orderBy = `ORDER BY ${SORT_COLUMNS[opts.sort]} ${dir} NULLS LAST, id ${dir}`;
      const rows = cache
        .get<IncidentRow>(`SELECT ${COLUMNS} FROM incidents ${sql} ${orderBy} LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: opts.limit, offset: opts.offset });
      const total = cache.get<{ n: number }>(`SELECT count(*) AS n FROM incidents ${sql}`).get(params)?.n ?? 0;
      return { rows, total };
    },
    /**
     * One page of the filtered set in the incident table's order (a sort column, NULLS LAST, then id),
     * continuing after the last row of the previous page: an export reads the screen's order without
     * holding a cursor open or paying for OFFSET.
     */
    exportPage(
      filters: ResolvedFilters,
      sort: IncidentSort,
      order: 'asc' | 'desc',
      after: IncidentRow | null,
      limit: number,
    ): IncidentRow[] {
      const where = whereFor(filters);
      const column = SORT_COLUMNS[sort];
      const dir = order === 'asc' ? 'ASC' : 'DESC';
      const cmp = order === 'asc' ? '>' : '<';
      const params: Record<string, string | number | null> = { ...where.params, limit };
      let keyset = '';
      if (after) {
        const value = after[column as keyof IncidentRow] as string | number | null;
        params.afterId = after.id;
        if (value === null) keyset = `(${column} IS NULL AND id ${cmp} @afterId)`;
        else if (!NULLABLE_SORTS.has(sort)) {
          // A column that cannot be NULL needs no NULL branch, and without the OR the date index seeks
          // straight to the previous page's last row instead of scanning from the first.
          params.afterValue = value;
          keyset = `(${column}, id) ${cmp} (@afterValue, @afterId)`;
        } else {
          params.afterValue = value;
          keyset = `((${column} IS NOT NULL AND (${column}, id) ${cmp} (@afterValue, @afterId)) OR ${column} IS NULL)`;
        }
      }
      const sql = keyset ? `${where.sql ? `${where.sql} AND` : 'WHERE'} ${keyset}` : where.sql;
      return cache
        .get<IncidentRow>(`SELECT ${COLUMNS} FROM incidents ${sql} ORDER BY ${column} ${dir} NULLS LAST, id ${dir} LIMIT @limit`)
        .all(params);
    },
    /** Rows by id, in the order the ids are given (a page the fact store has already ordered). */
    byIds(ids: readonly number[]): IncidentRow[] {
      const byId = new Map<number, IncidentRow>();
      // In chunks, as findByReferences: an appeal can ask for 20,000 at once.
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const stmt = cache.get<IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE id IN (${chunk.map(() => '?').join(', ')})`);
        for (const r of stmt.all(...chunk)) byId.set(r.id, r);
      }
      return ids.map((id) => byId.get(id)).filter((r): r is IncidentRow => r !== undefined);
    },
    byReferences(references: readonly string[]): IncidentRow[] {
      return [...this.findByReferences(references).values()].sort((a, b) => a.offence_date.localeCompare(b.offence_date) || a.id - b.id);
    },
    insert(fields: IncidentFields, batchId: number, now: string): number {
      return Number(insert.run({ ...fields, reference_key: referenceKey(fields.reference), batch_id: batchId, now }).lastInsertRowid);
    },
    /** A stored reference written differently from `reference` that looks the same (the same look-alike key). */
    lookalikeOf(reference: string, key: string): string | undefined {
      return lookalike.get(key, reference)?.reference;
    },
    update(id: number, fields: IncidentFields, now: string): void {
      update.run({ ...fields, id, now });
    },
    remove(id: number): void {
      remove.run(id);
    },
    /** Many history rows with few statements: an import writes one per inserted or updated incident. */
    addHistoryMany(entries: readonly HistoryEntry[]): void {
      const full = entries.length - (entries.length % HISTORY_PER_STATEMENT);
      const params: unknown[] = [];
      for (let i = 0; i < full; i += HISTORY_PER_STATEMENT) {
        params.length = 0;
        for (let j = i; j < i + HISTORY_PER_STATEMENT; j++) pushHistory(params, entries[j] as HistoryEntry);
        addHistoryBulk.run(params);
      }
      for (let j = full; j < entries.length; j++) this.addHistory(entries[j] as HistoryEntry);
    },
    addHistory(entry: {
      incidentId: number;
      batchId: number | null;
      kind: 'insert' | 'update' | 'revert';
      changedAt: string;
      before: IncidentFields | null;
      changes: Record<string, [unknown, unknown]>;
    }): void {
      addHistory.run({
        incidentId: entry.incidentId,
        batchId: entry.batchId,
        kind: entry.kind,
        changedAt: entry.changedAt,
        beforeJson: entry.before ? JSON.stringify(entry.before) : null,
        changesJson: JSON.stringify(entry.changes),
      });
    },
  };
}

export interface HistoryEntry {
  incidentId: number;
  batchId: number | null;
  kind: 'insert' | 'update' | 'revert';
  changedAt: string;
  before: IncidentFields | null;
  changes: Record<string, [unknown, unknown]>;
}

function pushHistory(params: unknown[], e: HistoryEntry): void {
  params.push(e.incidentId, e.batchId, e.kind, e.changedAt, e.before ? JSON.stringify(e.before) : null, JSON.stringify(e.changes));
}

export type IncidentsRepo = ReturnType<typeof createIncidentsRepo>;

export function toIncidentChange(h: HistoryRow): IncidentChange {
  return {
    id: h.id,
    batchId: h.batch_id,
    kind: h.kind,
    changedAt: h.changed_at,
    changes: parseStored(storedChanges, h.changes_json, 'change') as Record<string, [unknown, unknown]>,
  };
}
