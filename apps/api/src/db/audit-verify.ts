import Database from 'better-sqlite3';
import { verifyTrails, type ChainVerification } from './audit-chain.js';
import { createAuditRepo } from './repos/audit.repo.js';

/**
 * Checks the audit trails of the store at `path` (read-only: verifying writes nothing, not even its
 * own audit entry) and that each head recorded earlier is still in a chain.
 */
export function verifyAuditStore(path: string, recordedHeads: readonly string[] = []): ChainVerification {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const chained = db.prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'hash'").get();
    if (!chained) throw new Error(`${path} has no audit chain yet (migration 0017): start the server on it once`);
    const repo = createAuditRepo(db);
    return verifyTrails((t) => repo.chain(t), recordedHeads);
  } finally {
    db.close();
  }
}
