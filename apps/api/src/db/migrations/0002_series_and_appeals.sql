-- Saved series (an analyst's confirmed, named or dismissed series) and the audit trail of appeals.

CREATE TABLE saved_series (
  id           INTEGER PRIMARY KEY,
  name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  method       TEXT    NOT NULL CHECK (method IN ('courier', 'bank_impersonation', 'hmrc', 'tech_support', 'investment', 'romance', 'other')),
  status       TEXT    NOT NULL CHECK (status IN ('new', 'ongoing', 'closed', 'dismissed')),
  notes        TEXT    NOT NULL,
  detected_id  TEXT,
  created_by   TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
) STRICT;

CREATE UNIQUE INDEX saved_series_detected ON saved_series (detected_id) WHERE detected_id IS NOT NULL;

CREATE TABLE saved_series_incidents (
  series_id  INTEGER NOT NULL REFERENCES saved_series (id) ON DELETE CASCADE,
  reference  TEXT    NOT NULL,
  added_at   TEXT    NOT NULL,
  PRIMARY KEY (series_id, reference)
) STRICT;

CREATE TABLE appeal_audit (
  id           INTEGER PRIMARY KEY,
  action       TEXT    NOT NULL CHECK (action IN ('draft', 'export')),
  format       TEXT    CHECK (format IS NULL OR format IN ('text', 'markdown', 'print')),
  actor        TEXT    NOT NULL,
  series_id    TEXT,
  filters_json TEXT    CHECK (filters_json IS NULL OR json_valid(filters_json)),
  title        TEXT    NOT NULL,
  warnings     INTEGER NOT NULL CHECK (warnings >= 0),
  created_at   TEXT    NOT NULL
) STRICT;

CREATE INDEX appeal_audit_by_time ON appeal_audit (created_at);
