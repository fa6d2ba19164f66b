-- Press-appeal drafts as edited in the app: each save is a new version, per user and per source (a
-- series or a set of filters), so an earlier wording can be opened again. Never updated in place.
CREATE TABLE appeal_drafts (
  id            INTEGER PRIMARY KEY,
  owner         TEXT    NOT NULL,
  source_key    TEXT    NOT NULL,
  source_json   TEXT    NOT NULL CHECK (json_valid(source_json)),
  version       INTEGER NOT NULL CHECK (version >= 1),
  title         TEXT    NOT NULL,
  document_json TEXT    NOT NULL CHECK (json_valid(document_json)),
  warnings      INTEGER NOT NULL CHECK (warnings >= 0),
  created_at    TEXT    NOT NULL,
  UNIQUE (owner, source_key, version)
) STRICT;

CREATE INDEX appeal_drafts_by_owner ON appeal_drafts (owner, id);

-- An export from the editor names the version it sent and the warnings the exporter acknowledged.
ALTER TABLE appeal_audit ADD COLUMN draft_id INTEGER REFERENCES appeal_drafts (id);
ALTER TABLE appeal_audit ADD COLUMN acknowledged_json TEXT CHECK (acknowledged_json IS NULL OR json_valid(acknowledged_json));
