-- A readable trail: which screen view of the dashboard each call was made for, and which incident
-- references a call showed or sent, so "who opened HC/26/44019?" is one indexed look-up and one page
-- load reads as one line. All three are covered by the entry's hash (see audit-chain.ts: rows written
-- before this migration have them NULL and keep their hashes).

-- The dashboard's id for one screen view (a screen with its filters), and that screen's path.
ALTER TABLE audit_log ADD COLUMN view_id TEXT CHECK (view_id IS NULL OR length(view_id) BETWEEN 8 AND 64);
ALTER TABLE audit_log ADD COLUMN screen TEXT CHECK (screen IS NULL OR length(screen) BETWEEN 1 AND 40);
-- How many references the entry names in audit_references (NULL: none).
ALTER TABLE audit_log ADD COLUMN reference_count INTEGER CHECK (reference_count IS NULL OR reference_count > 0);

CREATE INDEX audit_log_by_view ON audit_log (view_id) WHERE view_id IS NOT NULL;

-- One row per reference an entry names; written in the entry's own transaction.
CREATE TABLE audit_references (
  audit_id  INTEGER NOT NULL REFERENCES audit_log (id),
  reference TEXT    NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
  PRIMARY KEY (audit_id, reference)
) STRICT, WITHOUT ROWID;

CREATE INDEX audit_references_by_reference ON audit_references (reference COLLATE NOCASE);

CREATE TRIGGER audit_references_no_update BEFORE UPDATE ON audit_references
BEGIN
  SELECT RAISE(ABORT, 'audit_references is append-only');
END;

CREATE TRIGGER audit_references_no_delete BEFORE DELETE ON audit_references
BEGIN
  SELECT RAISE(ABORT, 'audit_references is append-only');
END;
