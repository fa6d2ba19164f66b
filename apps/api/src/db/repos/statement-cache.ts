import type { Statement } from 'better-sqlite3';
import type { Db } from '../connection.js';

/**
 * Filtered queries differ only in which filters are present, so there are few distinct SQL texts;
 * caching the prepared statement per text keeps "prepare once" true for dynamic filters too.
 */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Db) {}

  get<R = unknown>(sql: string): Statement<unknown[], R> {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    return stmt as Statement<unknown[], R>;
  }
}
