-- Dated events drawn on the time charts (an appeal published, an arrest, press coverage), added by an
-- analyst or automatically when an appeal is exported, so a unit can see what followed them.

CREATE TABLE timeline_events (
  id             INTEGER PRIMARY KEY,
  day            TEXT    NOT NULL CHECK (day IS date(day)),
  kind           TEXT    NOT NULL CHECK (kind IN ('appeal_published', 'arrest', 'media_coverage', 'other')),
  title          TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  -- Optional scope: the event concerns one method, or one district (by its code); NULL means all.
  method         TEXT    CHECK (method IS NULL OR method IN ('courier', 'bank_impersonation', 'hmrc', 'tech_support', 'investment', 'romance', 'other')),
  district_code  TEXT    CHECK (district_code IS NULL OR length(district_code) BETWEEN 1 AND 20),
  created_by     TEXT    NOT NULL,
  created_at     TEXT    NOT NULL,
  -- The appeal export that published it (appeal_audit id); NULL for an event an analyst added.
  appeal_export  INTEGER REFERENCES appeal_audit (id),
  CHECK (appeal_export IS NULL OR kind = 'appeal_published')
) STRICT;

CREATE INDEX timeline_events_by_day ON timeline_events (day);
