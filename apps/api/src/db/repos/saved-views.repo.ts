import type { SavedViewPage } from '@scam/shared';
import type { Db } from '../connection.js';

export interface SavedViewRow {
  id: number;
  owner: string;
  name: string;
  page: SavedViewPage;
  search: string;
  shared: 0 | 1;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, owner, name, page, search, shared, created_at, updated_at';

export function createSavedViewsRepo(db: Db) {
  const insert = db.prepare<{ owner: string; name: string; page: string; search: string; shared: number; now: string }>(
    `INSERT INTO saved_views (owner, name, page, search, shared, created_at, updated_at)
     VALUES (@owner, @name, @page, @search, @shared, @now, @now)`,
  );
  const byId = db.prepare<[number], SavedViewRow>(`SELECT ${COLUMNS} FROM saved_views WHERE id = ?`);
  const byOwnerAndName = db.prepare<[string, string], SavedViewRow>(`SELECT ${COLUMNS} FROM saved_views WHERE owner = ? AND name = ?`);
  // The user's own views first, then what others shared, each by name.
  const visible = db.prepare<{ owner: string; limit: number }, SavedViewRow>(
    `SELECT ${COLUMNS} FROM saved_views WHERE owner = @owner OR shared = 1
     ORDER BY owner <> @owner, name, id LIMIT @limit`,
  );
  const update = db.prepare<{ id: number; name: string; page: string; search: string; shared: number; now: string }>(
    'UPDATE saved_views SET name = @name, page = @page, search = @search, shared = @shared, updated_at = @now WHERE id = @id',
  );
  const remove = db.prepare<[number]>('DELETE FROM saved_views WHERE id = ?');

  return {
    create(v: { owner: string; name: string; page: SavedViewPage; search: string; shared: boolean }, now: string): number {
      return Number(insert.run({ ...v, shared: v.shared ? 1 : 0, now }).lastInsertRowid);
    },
    get(id: number): SavedViewRow | undefined {
      return byId.get(id);
    },
    findByName(owner: string, name: string): SavedViewRow | undefined {
      return byOwnerAndName.get(owner, name);
    },
    /** The owner's views and every shared one, at most `limit` (ask for one more to know it was cut). */
    visibleTo(owner: string, limit: number): SavedViewRow[] {
      return visible.all({ owner, limit });
    },
    update(id: number, v: { name: string; page: SavedViewPage; search: string; shared: boolean }, now: string): void {
      update.run({ id, ...v, shared: v.shared ? 1 : 0, now });
    },
    remove(id: number): boolean {
      return remove.run(id).changes > 0;
    },
  };
}

export type SavedViewsRepo = ReturnType<typeof createSavedViewsRepo>;
