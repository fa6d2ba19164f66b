-- Places as forces write them (issue 23).
--
-- 1. A town column that names a district ("Hertsmere", "East Herts") is placed at the district's centre
--    with match kind 'district', so the CHECK on incidents.place_match gains 'district'. SQLite cannot
--    alter a CHECK, and a table rebuild would copy every incident and rebuild six indexes (40 s and a
--    second copy of the table on disk at a million incidents, measured) and, with foreign keys on inside
--    this transaction, its DROP would cascade into incident_history and batch_unchanged. The CHECK only
--    widens, so every stored row satisfies it already, and SQLite documents editing the stored CREATE
--    TABLE text for exactly that ("Making Other Kinds Of Table Schema Changes", lang_altertable.html §7):
--    one row of sqlite_schema changes, in this migration's transaction, in milliseconds at any size.
--    migrate.ts runs a migration that turns writable_schema on with the defensive flag off and bumps
--    schema_version, so every other connection re-reads the schema. RESET re-reads it here: a CREATE
--    TABLE text that did not parse would fail now, inside the transaction, and undo the edit.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (place_match IN (''force'', ''national''))', 'CHECK (place_match IN (''force'', ''district'', ''national''))')
 WHERE type = 'table' AND name = 'incidents';
PRAGMA writable_schema = RESET;

-- The edit must have happened exactly where meant: a store whose CREATE TABLE reads otherwise (edited by
-- hand) fails here, on this CHECK, and the whole migration is rolled back.
CREATE TEMP TABLE migration_0020_check (edited INTEGER NOT NULL CHECK (edited = 1));
INSERT INTO migration_0020_check (edited)
  SELECT count(*) FROM sqlite_schema
   WHERE type = 'table' AND name = 'incidents'
     AND instr(sql, 'CHECK (place_match IN (''force'', ''district'', ''national''))') > 0
     AND instr(sql, 'CHECK (place_match IN (''force'', ''national''))') = 0;
DROP TABLE temp.migration_0020_check;

-- 2. Notices: rows that were imported but deserve a second look (a town outside the force area), kept
--    with their batch like rejected rows, for the import page and GET /api/imports/:id/notices.csv. They
--    hold the line, the column's header, the town as written (already stored as incidents.town_raw) and
--    the message: nothing the import did not already keep. Erasing a rolled-back batch erases them.
CREATE TABLE import_notices (
  id        INTEGER PRIMARY KEY,
  batch_id  INTEGER NOT NULL REFERENCES import_batches (id),
  line      INTEGER NOT NULL CHECK (line >= 1),
  column_name TEXT  NOT NULL,
  value     TEXT    NOT NULL,
  message   TEXT    NOT NULL CHECK (length(message) BETWEEN 1 AND 1000)
) STRICT;

CREATE INDEX import_notices_by_batch ON import_notices (batch_id, line);

-- How many notices a batch gave, for the import history (0 for every batch before this migration).
ALTER TABLE import_batches ADD COLUMN notices INTEGER NOT NULL DEFAULT 0 CHECK (notices >= 0);
