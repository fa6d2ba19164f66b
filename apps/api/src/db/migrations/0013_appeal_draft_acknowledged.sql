-- A saved version keeps the warnings its author acknowledged ("I have checked this", by warning key), so
-- the print page, which exports a saved version, passes the export check with the same acknowledgements.
ALTER TABLE appeal_drafts ADD COLUMN acknowledged_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(acknowledged_json));
