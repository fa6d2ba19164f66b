-- References that look alike meet under one key (UTS #39 confusable skeleton, lower-cased; computed by
-- the application, see packages/ingest/src/reference.ts): the importer refuses a reference whose key is
-- already stored under other characters (`HX/O9/l` beside `HX/09/1`, `НХ/09/1` in Cyrillic), so two
-- reports that a person reads as one reference are never two incidents. Not unique: a store may already
-- hold such pairs from before this rule; they stay, and are listed by `reference_key` for a person to
-- resolve.
ALTER TABLE incidents ADD COLUMN reference_key TEXT;
UPDATE incidents SET reference_key = reference_key(reference);
CREATE INDEX incidents_reference_key ON incidents (reference_key);
