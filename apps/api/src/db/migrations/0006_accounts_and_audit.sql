-- Accounts, server-side sessions, API tokens and the audit trail (Data Protection Act 2018 Part 3 s.62:
-- collection, alteration, consultation, disclosure, combination and erasure, with who and when).

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  name                TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),
  role                TEXT    NOT NULL CHECK (role IN ('viewer', 'analyst', 'inspector', 'importer', 'admin')),
  -- argon2id PHC string; never the password.
  password_hash       TEXT    NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  disabled_at         TEXT,
  failed_sign_ins     INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
  locked_until        TEXT,
  password_changed_at TEXT    NOT NULL,
  created_at          TEXT    NOT NULL
) STRICT;

-- The cookie carries a random session id; only its sha256 is stored, so a copy of the database file
-- does not hand out live sessions.
CREATE TABLE sessions (
  id_hash       TEXT    PRIMARY KEY CHECK (length(id_hash) = 64),
  user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at    TEXT    NOT NULL,
  last_seen_at  TEXT    NOT NULL,
  expires_at    TEXT    NOT NULL,
  data_json     TEXT    NOT NULL CHECK (json_valid(data_json))
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash   TEXT    NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  -- The first characters of the token, so an admin can tell tokens apart without the secret.
  prefix       TEXT    NOT NULL,
  created_at   TEXT    NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
) STRICT;

CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Values the server generates once and keeps (the cookie-signing secret).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT    NOT NULL,
  user_name   TEXT    NOT NULL,
  role        TEXT    NOT NULL,
  action      TEXT    NOT NULL CHECK (action IN ('collection', 'alteration', 'consultation', 'disclosure', 'combination', 'erasure', 'sign_in', 'sign_in_failed', 'sign_out', 'refused', 'account')),
  -- What was touched: ids or the filters used, as JSON.
  object_json TEXT    NOT NULL CHECK (json_valid(object_json)),
  rows        INTEGER CHECK (rows IS NULL OR rows >= 0),
  request_id  TEXT,
  purpose     TEXT
) STRICT;

CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_user ON audit_log (user_name, at);

-- Append-only: the application (and anyone with a SQL prompt who does not drop the triggers) cannot
-- rewrite or remove what was recorded.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Erasure of a rolled-back batch removes its rows, rejected rows and history; the batch row stays as
-- the record that it existed and was erased.
ALTER TABLE import_batches ADD COLUMN erased_at TEXT;
