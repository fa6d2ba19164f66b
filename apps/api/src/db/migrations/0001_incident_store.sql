-- The incident store: import batches, incidents keyed by their crime/NFIB reference, the history of
-- every change, and the rows a batch rejected (kept so staff can download, fix and re-import them).

CREATE TABLE import_batches (
  id              INTEGER PRIMARY KEY,
  file_name       TEXT    NOT NULL,
  file_size       INTEGER NOT NULL CHECK (file_size >= 0),
  sha256          TEXT    NOT NULL CHECK (length(sha256) = 64),
  mapping_json    TEXT    NOT NULL CHECK (json_valid(mapping_json)),
  headers_json    TEXT    NOT NULL CHECK (json_valid(headers_json)),
  rows_total      INTEGER NOT NULL CHECK (rows_total >= 0),
  inserted        INTEGER NOT NULL CHECK (inserted >= 0),
  updated         INTEGER NOT NULL CHECK (updated >= 0),
  unchanged       INTEGER NOT NULL CHECK (unchanged >= 0),
  rejected        INTEGER NOT NULL CHECK (rejected >= 0),
  status          TEXT    NOT NULL CHECK (status IN ('committed', 'rolled_back')),
  imported_by     TEXT    NOT NULL,
  imported_at     TEXT    NOT NULL,
  rolled_back_at  TEXT,
  CHECK (rows_total = inserted + updated + unchanged + rejected),
  CHECK ((status = 'rolled_back') = (rolled_back_at IS NOT NULL))
) STRICT;

CREATE INDEX import_batches_sha256 ON import_batches (sha256);

CREATE TABLE incidents (
  id                INTEGER PRIMARY KEY,
  reference         TEXT    NOT NULL UNIQUE CHECK (length(reference) BETWEEN 1 AND 100),
  offence_date      TEXT    NOT NULL CHECK (offence_date IS date(offence_date)),
  report_date       TEXT    CHECK (report_date IS date(report_date)),
  town_raw          TEXT    NOT NULL,
  place             TEXT    NOT NULL,
  district_code     TEXT    NOT NULL,
  district          TEXT    NOT NULL,
  county            TEXT    NOT NULL,
  lat               REAL    NOT NULL CHECK (lat BETWEEN 49.0 AND 56.0),
  lon               REAL    NOT NULL CHECK (lon BETWEEN -6.5 AND 2.0),
  place_match       TEXT    NOT NULL CHECK (place_match IN ('force', 'national')),
  postcode_district TEXT,
  method            TEXT    NOT NULL CHECK (method IN ('courier', 'bank_impersonation', 'hmrc', 'tech_support', 'investment', 'romance', 'other')),
  method_raw        TEXT    NOT NULL,
  method_rule       TEXT    NOT NULL,
  impersonated      TEXT    NOT NULL CHECK (impersonated IN ('police', 'bank', 'hmrc', 'telecom', 'other', 'unknown')),
  channel           TEXT    NOT NULL CHECK (channel IN ('cash', 'bank_card', 'vouchers', 'crypto', 'bank_transfer', 'goods', 'foreign_currency', 'remote_access', 'unknown')),
  loss_pence        INTEGER NOT NULL CHECK (loss_pence >= 0),
  outcome           TEXT    NOT NULL CHECK (outcome IN ('lost', 'attempted', 'prevented')),
  outcome_raw       TEXT    NOT NULL,
  victim_age        INTEGER CHECK (victim_age IS NULL OR victim_age BETWEEN 0 AND 120),
  age_band          TEXT    NOT NULL CHECK (age_band IN ('under 18', '18-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90+', 'unknown')),
  caller_number     TEXT,
  summary           TEXT    NOT NULL,
  batch_id          INTEGER NOT NULL REFERENCES import_batches (id),
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL,
  CHECK (report_date IS NULL OR report_date >= offence_date)
) STRICT;

-- Every read route filters on offence date first; the covering index lets the aggregates answer
-- from the index alone instead of the table.
CREATE INDEX incidents_by_date ON incidents (offence_date, method, outcome, district_code, age_band, loss_pence, place);
CREATE INDEX incidents_by_method_date ON incidents (method, offence_date);
CREATE INDEX incidents_by_district_date ON incidents (district_code, offence_date);
CREATE INDEX incidents_by_place ON incidents (place, district_code);
CREATE INDEX incidents_by_batch ON incidents (batch_id);
CREATE INDEX incidents_by_caller ON incidents (caller_number) WHERE caller_number IS NOT NULL;

CREATE TABLE incident_history (
  id           INTEGER PRIMARY KEY,
  incident_id  INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  batch_id     INTEGER REFERENCES import_batches (id),
  kind         TEXT    NOT NULL CHECK (kind IN ('insert', 'update', 'revert')),
  changed_at   TEXT    NOT NULL,
  -- The whole record before the change (NULL for an insert): what a rollback restores.
  before_json  TEXT    CHECK (before_json IS NULL OR json_valid(before_json)),
  -- Field name -> [before, after].
  changes_json TEXT    NOT NULL CHECK (json_valid(changes_json))
) STRICT;

CREATE INDEX incident_history_by_incident ON incident_history (incident_id, id);
CREATE INDEX incident_history_by_batch ON incident_history (batch_id);

CREATE TABLE rejected_rows (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES import_batches (id),
  line        INTEGER NOT NULL CHECK (line >= 1),
  raw_json    TEXT    NOT NULL CHECK (json_valid(raw_json)),
  errors_json TEXT    NOT NULL CHECK (json_valid(errors_json))
) STRICT;

CREATE INDEX rejected_rows_by_batch ON rejected_rows (batch_id, line);
