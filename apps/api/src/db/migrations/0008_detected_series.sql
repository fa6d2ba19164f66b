-- Every series a detection run produced, under a stable id, so that links, the series page and appeal
-- drafts find it after a restart, and an alert raised by the watch run waits for an analyst's decision
-- whatever is imported meanwhile.

CREATE TABLE detected_series (
  -- Stable across runs: a later run's series that shares most members with a stored one of the same
  -- method takes its id (and replaces its content), so a growing series keeps one identity.
  id             TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  method         TEXT    NOT NULL CHECK (method IN ('courier', 'bank_impersonation', 'hmrc', 'tech_support', 'investment', 'romance', 'other')),
  series_json    TEXT    NOT NULL CHECK (json_valid(series_json)),
  -- The question that found it: period, mode and who asked ('system:watch' for the automatic run).
  from_date      TEXT    NOT NULL CHECK (from_date IS date(from_date)),
  to_date        TEXT    NOT NULL CHECK (to_date IS date(to_date)),
  mode           TEXT    NOT NULL CHECK (mode IN ('retrospective', 'prospective')),
  found_by       TEXT    NOT NULL,
  first_seen_at  TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL,
  -- Set when the watch run flagged it new or growing; the overview shows it until an analyst's decision
  -- (a saved series holding its members) makes it steady.
  alerted_at     TEXT
) STRICT;

CREATE INDEX detected_series_alerted ON detected_series (alerted_at) WHERE alerted_at IS NOT NULL;

CREATE TABLE detected_series_incidents (
  series_id  TEXT NOT NULL REFERENCES detected_series (id) ON DELETE CASCADE,
  reference  TEXT NOT NULL,
  PRIMARY KEY (series_id, reference)
) STRICT, WITHOUT ROWID;

-- Finding the stored series that share members with a new one.
CREATE INDEX detected_series_by_reference ON detected_series_incidents (reference, series_id);
