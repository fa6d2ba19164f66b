-- The prospective "watch" run made after each import: what was flagged, against which data, so the
-- next run can say which series are new or growing and the overview can flag them.
CREATE TABLE detection_runs (
  id           INTEGER PRIMARY KEY,
  trigger      TEXT    NOT NULL CHECK (trigger IN ('import', 'rollback', 'startup', 'manual')),
  batch_id     INTEGER REFERENCES import_batches (id),
  generation   TEXT    NOT NULL,
  from_date    TEXT    NOT NULL CHECK (from_date IS date(from_date)),
  to_date      TEXT    NOT NULL CHECK (to_date IS date(to_date)),
  series_json  TEXT    NOT NULL CHECK (json_valid(series_json)),
  elapsed_ms   INTEGER NOT NULL CHECK (elapsed_ms >= 0),
  created_at   TEXT    NOT NULL
) STRICT;
