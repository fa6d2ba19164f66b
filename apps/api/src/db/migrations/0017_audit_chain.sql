-- Tamper-evident audit trails. Each row of audit_log and appeal_audit carries the sha256 of the row
-- before it and of its own columns (computed by the application when it appends: SQLite has no sha256),
-- so a changed, removed or slipped-in row breaks the chain that `npm run audit -- verify` walks, even
-- for someone who dropped the triggers below. Rows written before this migration have no hash: the
-- chain starts at the first hashed row and `verify` reports how many older entries precede it.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT CHECK (prev_hash IS NULL OR length(prev_hash) = 64);
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);
ALTER TABLE appeal_audit ADD COLUMN prev_hash TEXT CHECK (prev_hash IS NULL OR length(prev_hash) = 64);
ALTER TABLE appeal_audit ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);

-- REPLACE (INSERT OR REPLACE, REPLACE INTO) removes the row it collides with without firing DELETE
-- triggers (recursive_triggers is off), so an insert onto an existing id is refused before it happens.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- What was exported, and to whom, is a record like audit_log: appended, never changed or removed.
CREATE TRIGGER appeal_audit_no_update BEFORE UPDATE ON appeal_audit
BEGIN
  SELECT RAISE(ABORT, 'appeal_audit is append-only');
END;

CREATE TRIGGER appeal_audit_no_delete BEFORE DELETE ON appeal_audit
BEGIN
  SELECT RAISE(ABORT, 'appeal_audit is append-only');
END;

CREATE TRIGGER appeal_audit_no_replace BEFORE INSERT ON appeal_audit
WHEN EXISTS (SELECT 1 FROM appeal_audit WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'appeal_audit is append-only');
END;
