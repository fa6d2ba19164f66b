-- A confirmed series holds still: each saved series carries dated, frozen assessments (what its members
-- were and what the evidence said, on which data and which detection settings). Detection runs update
-- detected_series as they always have; they never touch an assessment. A re-assessment is an analyst's
-- explicit act that appends the next one.

-- The detection question that produced a stored detected series (settings and filters) and the data
-- version its input was read at, so that confirming it freezes both. NULL on series stored before this.
ALTER TABLE detected_series ADD COLUMN question_json TEXT CHECK (question_json IS NULL OR json_valid(question_json));
ALTER TABLE detected_series ADD COLUMN data_version INTEGER CHECK (data_version IS NULL OR data_version >= 0);

CREATE TABLE series_assessments (
  id             INTEGER PRIMARY KEY,
  series_id      INTEGER NOT NULL REFERENCES saved_series (id) ON DELETE CASCADE,
  -- 1, 2, 3… per saved series, in the order they were made.
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  -- confirmed: taken when the series was saved; reassessed: an analyst's re-assessment; recorded: what a
  -- series saved before assessments existed held when this migration ran.
  kind           TEXT    NOT NULL CHECK (kind IN ('confirmed', 'reassessed', 'recorded')),
  assessed_at    TEXT    NOT NULL,
  assessed_by    TEXT    NOT NULL,
  data_version   INTEGER CHECK (data_version IS NULL OR data_version >= 0),
  -- The detected series the statistics come from (NULL: a series put together by hand, or not found).
  detected_id    TEXT,
  question_json  TEXT    CHECK (question_json IS NULL OR json_valid(question_json)),
  first_date     TEXT    CHECK (first_date IS NULL OR first_date IS date(first_date)),
  last_date      TEXT    CHECK (last_date IS NULL OR last_date IS date(last_date)),
  -- The scan's figures for the detected series (NULL without one).
  observed       INTEGER CHECK (observed IS NULL OR observed >= 0),
  expected       REAL    CHECK (expected IS NULL OR expected >= 0),
  p_value        REAL    CHECK (p_value IS NULL OR (p_value >= 0 AND p_value <= 1)),
  llr            REAL,
  relative_risk  REAL,
  -- The members' own figures.
  reports        INTEGER NOT NULL CHECK (reports >= 0),
  loss_pence     INTEGER NOT NULL CHECK (loss_pence >= 0),
  victims_lost   INTEGER NOT NULL CHECK (victims_lost >= 0),
  members_json   TEXT    NOT NULL CHECK (json_valid(members_json) AND json_type(members_json) = 'array'),
  -- Per-member evidence, the explanation, the detected series' own members, areas, centre and radius.
  evidence_json  TEXT    NOT NULL CHECK (json_valid(evidence_json) AND json_type(evidence_json) = 'object'),
  note           TEXT    NOT NULL CHECK (length(note) <= 2000),
  -- Set when an administrator's erasure of a rolled-back import took erased incidents out of it.
  redacted_at    TEXT,
  UNIQUE (series_id, seq)
) STRICT;

-- Append-only: an assessment is never changed, and goes only with its saved series (an analyst's audited
-- deletion), never on its own. The one exception is erasure, which the law puts above the record: it may
-- take erased incidents out of the members and evidence, marking the row redacted when, and nothing else.
CREATE TRIGGER series_assessments_no_update BEFORE UPDATE ON series_assessments
WHEN NOT (NEW.redacted_at IS NOT NULL AND NEW.redacted_at IS NOT OLD.redacted_at
          AND NEW.id IS OLD.id AND NEW.series_id IS OLD.series_id AND NEW.seq IS OLD.seq AND NEW.kind IS OLD.kind
          AND NEW.assessed_at IS OLD.assessed_at AND NEW.assessed_by IS OLD.assessed_by AND NEW.data_version IS OLD.data_version
          AND NEW.detected_id IS OLD.detected_id AND NEW.question_json IS OLD.question_json AND NEW.first_date IS OLD.first_date
          AND NEW.last_date IS OLD.last_date AND NEW.observed IS OLD.observed AND NEW.expected IS OLD.expected
          AND NEW.p_value IS OLD.p_value AND NEW.llr IS OLD.llr AND NEW.relative_risk IS OLD.relative_risk
          AND NEW.reports IS OLD.reports AND NEW.loss_pence IS OLD.loss_pence AND NEW.victims_lost IS OLD.victims_lost
          AND NEW.note IS OLD.note)
BEGIN
  SELECT RAISE(ABORT, 'series_assessments is append-only');
END;

CREATE TRIGGER series_assessments_no_delete BEFORE DELETE ON series_assessments
WHEN EXISTS (SELECT 1 FROM saved_series WHERE id = OLD.series_id)
BEGIN
  SELECT RAISE(ABORT, 'series_assessments is append-only');
END;

-- Series saved before this migration: their first assessment records what they hold now, with the
-- figures of the detected series they were confirmed from where it is still stored (the data version
-- those were computed on is unknown, so it stays NULL and the page says so).
INSERT INTO series_assessments (series_id, seq, kind, assessed_at, assessed_by, data_version, detected_id, question_json,
                                first_date, last_date, observed, expected, p_value, llr, relative_risk,
                                reports, loss_pence, victims_lost, members_json, evidence_json, note)
SELECT s.id, 1, 'recorded', s.updated_at, s.created_by, NULL, d.id, NULL,
       (SELECT min(i.offence_date) FROM saved_series_incidents m JOIN incidents i ON i.reference = m.reference WHERE m.series_id = s.id),
       (SELECT max(i.offence_date) FROM saved_series_incidents m JOIN incidents i ON i.reference = m.reference WHERE m.series_id = s.id),
       json_extract(d.series_json, '$.count'), json_extract(d.series_json, '$.expected'), json_extract(d.series_json, '$.pValue'),
       json_extract(d.series_json, '$.llr'), json_extract(d.series_json, '$.relativeRisk'),
       (SELECT count(*) FROM saved_series_incidents m WHERE m.series_id = s.id),
       coalesce((SELECT sum(i.loss_pence) FROM saved_series_incidents m JOIN incidents i ON i.reference = m.reference WHERE m.series_id = s.id), 0),
       (SELECT count(*) FROM saved_series_incidents m JOIN incidents i ON i.reference = m.reference WHERE m.series_id = s.id AND i.outcome = 'lost'),
       coalesce((SELECT json_group_array(reference) FROM (SELECT reference FROM saved_series_incidents m WHERE m.series_id = s.id ORDER BY added_at, reference)), '[]'),
       CASE WHEN d.id IS NULL THEN json_object('explanation', '', 'members', json('[]'), 'detectedMembers', json('[]'))
            ELSE json_object('explanation', json_extract(d.series_json, '$.explanation'),
                             'members', json_extract(d.series_json, '$.evidence'),
                             'detectedMembers', json_extract(d.series_json, '$.incidents'),
                             'centre', json_extract(d.series_json, '$.centre'),
                             'radiusKm', json_extract(d.series_json, '$.radiusKm'),
                             'kind', json_extract(d.series_json, '$.kind')) END,
       'Recorded when assessments began: the figures are those of the detected series as last stored.'
FROM saved_series s LEFT JOIN detected_series d ON d.id = s.detected_id;
