-- A source may mirror its files: downloaded and stored here, then loaded like uploads (issue 19).
ALTER TABLE harvest.sources ADD COLUMN mirror boolean NOT NULL DEFAULT false;
