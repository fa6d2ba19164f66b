-- Column mappings confirmed by hand, remembered per header line: next week's file with the same headers
-- is read the same way without anyone being asked again. Keyed by the sha256 of the header line as
-- parsed (JSON array of the headers, in order), so a renamed, added or moved column is a new layout.
CREATE TABLE import_mappings (
  headers_sha256 TEXT    PRIMARY KEY CHECK (length(headers_sha256) = 64),
  headers_json   TEXT    NOT NULL CHECK (json_valid(headers_json) AND json_type(headers_json) = 'array'),
  -- Header → field (or "ignore") for the columns set by hand; the rest are matched as usual.
  mapping_json   TEXT    NOT NULL CHECK (json_valid(mapping_json) AND json_type(mapping_json) = 'object'),
  confirmed_by   TEXT    NOT NULL,
  confirmed_at   TEXT    NOT NULL,
  batch_id       INTEGER REFERENCES import_batches (id)
) STRICT;

-- Record systems give the offence as a range ("Committed From" … "Committed To"): the first day is the
-- offence date every figure uses, the last is kept beside it.
ALTER TABLE incidents ADD COLUMN offence_date_to TEXT
  CHECK (offence_date_to IS NULL OR (offence_date_to IS date(offence_date_to) AND offence_date_to >= offence_date));
