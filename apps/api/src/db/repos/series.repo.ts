import type { AssessmentKind, Method, SavedSeriesStatus } from '@scam/shared';
import type { Db } from '../connection.js';

export interface SavedSeriesRow {
  id: number;
  name: string;
  method: Method;
  status: SavedSeriesStatus;
  notes: string;
  detected_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, method, status, notes, detected_id, created_by, created_at, updated_at';

/** A frozen assessment as stored (0015): appended, never updated. */
export interface SeriesAssessmentRow {
  id: number;
  series_id: number;
  seq: number;
  kind: AssessmentKind;
  assessed_at: string;
  assessed_by: string;
  data_version: number | null;
  detected_id: string | null;
  question_json: string | null;
  first_date: string | null;
  last_date: string | null;
  observed: number | null;
  expected: number | null;
  p_value: number | null;
  llr: number | null;
  relative_risk: number | null;
  reports: number;
  loss_pence: number;
  victims_lost: number;
  members_json: string;
  evidence_json: string;
  note: string;
  redacted_at: string | null;
}

const ASSESSMENT_COLUMNS = `id, series_id, seq, kind, assessed_at, assessed_by, data_version, detected_id, question_json, first_date,
  last_date, observed, expected, p_value, llr, relative_risk, reports, loss_pence, victims_lost, members_json, evidence_json, note,
  redacted_at`;

export type NewAssessment = Omit<SeriesAssessmentRow, 'id' | 'series_id' | 'seq' | 'redacted_at'>;

export function createSeriesRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO saved_series (name, method, status, notes, detected_id, created_by, created_at, updated_at)
     VALUES (@name, @method, @status, @notes, @detectedId, @createdBy, @now, @now)`,
  );
  const byId = db.prepare<[number], SavedSeriesRow>(`SELECT ${COLUMNS} FROM saved_series WHERE id = ?`);
  const byDetected = db.prepare<[string], SavedSeriesRow>(`SELECT ${COLUMNS} FROM saved_series WHERE detected_id = ?`);
  const list = db.prepare<[number], SavedSeriesRow>(`SELECT ${COLUMNS} FROM saved_series ORDER BY updated_at DESC, id DESC LIMIT ?`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM saved_series');
  const containing = db.prepare<[string, number], SavedSeriesRow & { members: number }>(
    `SELECT ${COLUMNS}, (SELECT count(*) FROM saved_series_incidents c WHERE c.series_id = saved_series.id) AS members
       FROM saved_series WHERE id IN (SELECT series_id FROM saved_series_incidents WHERE reference = ?)
      ORDER BY updated_at DESC, id DESC LIMIT ?`,
  );
  const members = db.prepare<[number], { reference: string }>(
    'SELECT reference FROM saved_series_incidents WHERE series_id = ? ORDER BY added_at, reference',
  );
  const allMembers = db.prepare<[], { series_id: number; reference: string }>(
    'SELECT series_id, reference FROM saved_series_incidents ORDER BY added_at, reference',
  );
  const addMember = db.prepare('INSERT OR IGNORE INTO saved_series_incidents (series_id, reference, added_at) VALUES (?, ?, ?)');
  const removeMember = db.prepare('DELETE FROM saved_series_incidents WHERE series_id = ? AND reference = ?');
  const removeOrphans = db.prepare('DELETE FROM saved_series_incidents WHERE reference NOT IN (SELECT reference FROM incidents)');
  const update = db.prepare('UPDATE saved_series SET name = @name, status = @status, notes = @notes, updated_at = @now WHERE id = @id');
  const remove = db.prepare<[number]>('DELETE FROM saved_series WHERE id = ?');
  const touch = db.prepare<[string, number]>('UPDATE saved_series SET updated_at = ? WHERE id = ?');
  const assessments = db.prepare<[number], SeriesAssessmentRow>(
    `SELECT ${ASSESSMENT_COLUMNS} FROM series_assessments WHERE series_id = ? ORDER BY seq`,
  );
  // The next number is taken inside the insert, so two analysts re-assessing at once get 2 and 3, never two 2s.
  const appendAssessment = db.prepare(
    `INSERT INTO series_assessments (series_id, seq, kind, assessed_at, assessed_by, data_version, detected_id, question_json,
                                     first_date, last_date, observed, expected, p_value, llr, relative_risk, reports, loss_pence,
                                     victims_lost, members_json, evidence_json, note)
     SELECT @series_id, coalesce(max(seq), 0) + 1, @kind, @assessed_at, @assessed_by, @data_version, @detected_id, @question_json,
            @first_date, @last_date, @observed, @expected, @p_value, @llr, @relative_risk, @reports, @loss_pence,
            @victims_lost, @members_json, @evidence_json, @note
       FROM series_assessments WHERE series_id = @series_id`,
  );
  const naming = db.prepare<[], { id: number; members_json: string; evidence_json: string }>(
    `SELECT id, members_json, evidence_json FROM series_assessments a
      WHERE EXISTS (SELECT 1 FROM json_each(a.members_json) m WHERE m.value NOT IN (SELECT reference FROM incidents))`,
  );
  const redact = db.prepare<{ id: number; members: string; evidence: string; now: string }>(
    'UPDATE series_assessments SET members_json = @members, evidence_json = @evidence, redacted_at = @now WHERE id = @id',
  );
  const assessmentById = db.prepare<[number | bigint], SeriesAssessmentRow>(
    `SELECT ${ASSESSMENT_COLUMNS} FROM series_assessments WHERE id = ?`,
  );

  return {
    /** Members whose incident is no longer stored (rolled back, then erased). */
    removeOrphanMembers(): number {
      return removeOrphans.run().changes;
    },
    create(
      s: {
        name: string;
        method: Method;
        status: SavedSeriesStatus;
        notes: string;
        detectedId: string | null;
        createdBy: string;
        incidents: string[];
      },
      now: string,
    ): number {
      return db.transaction(() => {
        const id = Number(insert.run({ ...s, now }).lastInsertRowid);
        for (const ref of s.incidents) addMember.run(id, ref, now);
        return id;
      })();
    },
    get(id: number): SavedSeriesRow | undefined {
      return byId.get(id);
    },
    getByDetectedId(detectedId: string): SavedSeriesRow | undefined {
      return byDetected.get(detectedId);
    },
    list(limit: number): { rows: SavedSeriesRow[]; total: number } {
      return { rows: list.all(limit), total: count.get()?.n ?? 0 };
    },
    /** The saved series holding `reference`, latest change first, with how many members each has. */
    containing(reference: string, limit: number): (SavedSeriesRow & { members: number })[] {
      return containing.all(reference, limit);
    },
    members(id: number): string[] {
      return members.all(id).map((r) => r.reference);
    },
    allMembers(): Map<number, string[]> {
      const out = new Map<number, string[]>();
      for (const r of allMembers.all()) {
        const list = out.get(r.series_id) ?? [];
        list.push(r.reference);
        out.set(r.series_id, list);
      }
      return out;
    },
    update(id: number, s: { name: string; status: SavedSeriesStatus; notes: string; add: string[]; remove: string[] }, now: string): void {
      db.transaction(() => {
        update.run({ id, name: s.name, status: s.status, notes: s.notes, now });
        for (const ref of s.add) addMember.run(id, ref, now);
        for (const ref of s.remove) removeMember.run(id, ref);
      })();
    },
    /** Every assessment of a saved series, oldest first. */
    assessments(id: number): SeriesAssessmentRow[] {
      return assessments.all(id);
    },
    /** Appends the series' next assessment (numbered after the last) and returns it as stored. */
    appendAssessment(seriesId: number, a: NewAssessment): SeriesAssessmentRow {
      const { lastInsertRowid } = appendAssessment.run({ ...a, series_id: seriesId });
      touch.run(a.assessed_at, seriesId);
      return assessmentById.get(lastInsertRowid)!;
    },
    /** Assessments naming incidents no longer stored, with what they hold (erasure redacts them). */
    assessmentsNamingOrphans(): { id: number; members_json: string; evidence_json: string }[] {
      return naming.all();
    },
    /** Erasure's one permitted change to an assessment (see 0015): members and evidence, marked redacted. */
    redactAssessment(id: number, members: string, evidence: string, now: string): void {
      redact.run({ id, members, evidence, now });
    },
    remove(id: number): boolean {
      return remove.run(id).changes > 0;
    },
  };
}

export type SeriesRepo = ReturnType<typeof createSeriesRepo>;
