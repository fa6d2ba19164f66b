-- The in-memory read model (db/read-model) knows it is stale from the database itself, not from a
-- convention every writer must remember: every INSERT, UPDATE or DELETE on incidents, by this server,
-- the import CLI or a hand-typed statement, bumps data_version and logs the incident it touched, so the
-- read model re-reads only the incidents changed since the version it loaded.
CREATE TABLE data_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL CHECK (version >= 0)
) STRICT;
INSERT INTO data_version (id, version) VALUES (1, 0);

-- One row per change, numbered by the version it produced (so the log is appended in key order).
CREATE TABLE incident_changes (
  version     INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL
) STRICT;

CREATE TRIGGER incidents_changed_insert AFTER INSERT ON incidents
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
  INSERT INTO incident_changes (version, incident_id) SELECT version, NEW.id FROM data_version WHERE id = 1;
END;

CREATE TRIGGER incidents_changed_update AFTER UPDATE ON incidents
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
  INSERT INTO incident_changes (version, incident_id) SELECT version, NEW.id FROM data_version WHERE id = 1;
END;

CREATE TRIGGER incidents_changed_delete AFTER DELETE ON incidents
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
  INSERT INTO incident_changes (version, incident_id) SELECT version, OLD.id FROM data_version WHERE id = 1;
END;

-- The log keeps the latest 500,000 changes (pruned every 10,000): a reader further behind than that
-- reloads whole, which at that size costs no more than applying the changes would.
CREATE TRIGGER incident_changes_prune AFTER INSERT ON incident_changes
WHEN NEW.version % 10000 = 0
BEGIN
  DELETE FROM incident_changes WHERE version <= NEW.version - 500000;
END;
