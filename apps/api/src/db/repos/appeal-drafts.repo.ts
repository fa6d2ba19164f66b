import type { Db } from '../connection.js';

export interface AppealDraftRow {
  id: number;
  owner: string;
  source_key: string;
  source_json: string;
  version: number;
  title: string;
  document_json: string;
  /** The warning keys the author acknowledged when saving (JSON array of strings). */
  acknowledged_json: string;
  warnings: number;
  created_at: string;
}

export type AppealDraftSummaryRow = Omit<AppealDraftRow, 'owner' | 'source_json' | 'document_json' | 'acknowledged_json'>;

const SUMMARY_COLUMNS = 'id, source_key, version, title, warnings, created_at';
const COLUMNS = `${SUMMARY_COLUMNS}, owner, source_json, document_json, acknowledged_json`;

/** Saved versions of press-appeal drafts; rows are only ever added, a save being a new version. */
export function createAppealDraftsRepo(db: Db) {
  const nextVersion = db.prepare<{ owner: string; sourceKey: string }, { v: number }>(
    'SELECT coalesce(max(version), 0) + 1 AS v FROM appeal_drafts WHERE owner = @owner AND source_key = @sourceKey',
  );
  const insert = db.prepare(
    `INSERT INTO appeal_drafts (owner, source_key, source_json, version, title, document_json, acknowledged_json, warnings, created_at)
     VALUES (@owner, @sourceKey, @sourceJson, @version, @title, @documentJson, @acknowledgedJson, @warnings, @createdAt)`,
  );
  const byId = db.prepare<{ id: number; owner: string }, AppealDraftRow>(
    `SELECT ${COLUMNS} FROM appeal_drafts WHERE id = @id AND owner = @owner`,
  );
  const listAll = db.prepare<{ owner: string; limit: number }, AppealDraftSummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM appeal_drafts WHERE owner = @owner ORDER BY id DESC LIMIT @limit`,
  );
  const countAll = db.prepare<{ owner: string }, { n: number }>('SELECT count(*) AS n FROM appeal_drafts WHERE owner = @owner');
  const listSource = db.prepare<{ owner: string; sourceKey: string; limit: number }, AppealDraftSummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM appeal_drafts WHERE owner = @owner AND source_key = @sourceKey ORDER BY id DESC LIMIT @limit`,
  );
  const countSource = db.prepare<{ owner: string; sourceKey: string }, { n: number }>(
    'SELECT count(*) AS n FROM appeal_drafts WHERE owner = @owner AND source_key = @sourceKey',
  );

  return {
    /** Adds the next version of the owner's draft for this source; the version is read and written in one transaction. */
    addVersion(d: {
      owner: string;
      sourceKey: string;
      sourceJson: string;
      title: string;
      documentJson: string;
      acknowledgedJson: string;
      warnings: number;
      createdAt: string;
    }): { id: number; version: number } {
      return db.transaction(() => {
        const version = nextVersion.get({ owner: d.owner, sourceKey: d.sourceKey })?.v ?? 1;
        const id = Number(insert.run({ ...d, version }).lastInsertRowid);
        return { id, version };
      })();
    },
    /** A version, only if it is the owner's: another user's draft is as good as absent. */
    get(id: number, owner: string): AppealDraftRow | undefined {
      return byId.get({ id, owner });
    },
    /** The newest `limit` versions of the owner's drafts (of one source when given), and how many there are. */
    list(owner: string, sourceKey: string | null, limit: number): { rows: AppealDraftSummaryRow[]; total: number } {
      if (sourceKey === null) return { rows: listAll.all({ owner, limit }), total: countAll.get({ owner })?.n ?? 0 };
      return {
        rows: listSource.all({ owner, sourceKey, limit }),
        total: countSource.get({ owner, sourceKey })?.n ?? 0,
      };
    },
  };
}

export type AppealDraftsRepo = ReturnType<typeof createAppealDraftsRepo>;
