-- Which incidents a batch carried unchanged. An unchanged row writes no history, but it still means a
-- later return vouches for the record: rolling back the batch that first inserted it must not delete it.
CREATE TABLE batch_unchanged (
  batch_id    INTEGER NOT NULL REFERENCES import_batches (id),
  incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  PRIMARY KEY (batch_id, incident_id)
) STRICT;

CREATE INDEX batch_unchanged_by_incident ON batch_unchanged (incident_id);
