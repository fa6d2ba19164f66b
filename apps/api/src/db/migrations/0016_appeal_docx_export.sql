-- Appeals are exported as Word documents too: appeal_audit's format CHECK gains 'docx'. SQLite cannot
-- change a CHECK in place, so the table is made anew with its rows (ids kept). The migration runs inside
-- a transaction with foreign keys on, where dropping appeal_audit would break timeline_events' links to
-- it; so timeline_events is made anew too, first pointing at the new table, and both then take their
-- names (a rename carries the reference along). Neither table has triggers; both indexes are remade.

CREATE TABLE appeal_audit_next (
  id                INTEGER PRIMARY KEY,
  action            TEXT    NOT NULL CHECK (action IN ('draft', 'export')),
  format            TEXT    CHECK (format IS NULL OR format IN ('text', 'markdown', 'print', 'docx')),
  actor             TEXT    NOT NULL,
  series_id         TEXT,
  filters_json      TEXT    CHECK (filters_json IS NULL OR json_valid(filters_json)),
  title             TEXT    NOT NULL,
  warnings          INTEGER NOT NULL CHECK (warnings >= 0),
  created_at        TEXT    NOT NULL,
  draft_id          INTEGER REFERENCES appeal_drafts (id),
  acknowledged_json TEXT    CHECK (acknowledged_json IS NULL OR json_valid(acknowledged_json))
) STRICT;

INSERT INTO appeal_audit_next (id, action, format, actor, series_id, filters_json, title, warnings, created_at, draft_id, acknowledged_json)
  SELECT id, action, format, actor, series_id, filters_json, title, warnings, created_at, draft_id, acknowledged_json FROM appeal_audit;

CREATE TABLE timeline_events_next (
  id             INTEGER PRIMARY KEY,
  day            TEXT    NOT NULL CHECK (day IS date(day)),
  kind           TEXT    NOT NULL CHECK (kind IN ('appeal_published', 'arrest', 'media_coverage', 'other')),
  title          TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  -- Optional scope: the event concerns one method, or one district (by its code); NULL means all.
  method         TEXT    CHECK (method IS NULL OR method IN ('courier', 'bank_impersonation', 'hmrc', 'tech_support', 'investment', 'romance', 'other')),
  district_code  TEXT    CHECK (district_code IS NULL OR length(district_code) BETWEEN 1 AND 20),
  created_by     TEXT    NOT NULL,
  created_at     TEXT    NOT NULL,
  -- The appeal export that published it (appeal_audit id); NULL for an event an analyst added.
  appeal_export  INTEGER REFERENCES appeal_audit_next (id),
  CHECK (appeal_export IS NULL OR kind = 'appeal_published')
) STRICT;

INSERT INTO timeline_events_next (id, day, kind, title, method, district_code, created_by, created_at, appeal_export)
  SELECT id, day, kind, title, method, district_code, created_by, created_at, appeal_export FROM timeline_events;

DROP TABLE timeline_events;
DROP TABLE appeal_audit;
ALTER TABLE appeal_audit_next RENAME TO appeal_audit;
ALTER TABLE timeline_events_next RENAME TO timeline_events;

CREATE INDEX appeal_audit_by_time ON appeal_audit (created_at);
CREATE INDEX timeline_events_by_day ON timeline_events (day);
