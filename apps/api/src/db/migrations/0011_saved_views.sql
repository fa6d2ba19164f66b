-- Saved views: a page of the dashboard and its query string under a name, kept for the user who saved
-- it and, when they choose, shown to the whole unit. Rolling periods are stored as written in the link
-- (`period=last-12-weeks`), so a view opened later means the same rolling window, not frozen dates.
CREATE TABLE saved_views (
  id         INTEGER PRIMARY KEY,
  -- The user name as signed in (users.name is unique without regard to case).
  owner      TEXT    NOT NULL COLLATE NOCASE CHECK (length(owner) BETWEEN 1 AND 64),
  name       TEXT    NOT NULL COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 80),
  page       TEXT    NOT NULL CHECK (page IN ('/', '/incidents', '/series', '/links', '/appeals')),
  search     TEXT    NOT NULL CHECK (length(search) <= 2000 AND (search = '' OR substr(search, 1, 1) = '?')),
  shared     INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL,
  UNIQUE (owner, name)
) STRICT;

CREATE INDEX saved_views_shared ON saved_views (shared) WHERE shared = 1;
