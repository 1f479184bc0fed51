-- "Refuse versions that fail" (issue 18): a resource whose extras say `schema_refuse_invalid`
-- keeps its last valid file (a first file that fails is removed with its resource); each refused
-- file is recorded with its report (kept, not expiring).
CREATE TABLE schemas.refused_versions (
  id uuid PRIMARY KEY,
  resource_id uuid NOT NULL,
  dataset_id uuid NOT NULL,
  report_id uuid NOT NULL REFERENCES schemas.reports (id),
  sha256 text NOT NULL,
  filename text NOT NULL,
  kept_sha256 text,                  -- the earlier valid file the resource went back to; NULL: none (removed)
  refused_at timestamptz NOT NULL DEFAULT now()
);
-- The same file refused again (two jobs saw it, or it was sent twice) is one entry, dated anew.
CREATE UNIQUE INDEX refused_versions_file ON schemas.refused_versions (resource_id, sha256);
CREATE INDEX refused_versions_dataset ON schemas.refused_versions (dataset_id, refused_at DESC);
