-- A resource's earlier files (issue 20): when a publisher replaces a resource's file (or its
-- link), the file it had is kept here with the dates it was current, so readers can still
-- download an earlier version and see when each one changed. The blob stays in the store while
-- any version refers to it.
CREATE TABLE catalog.resource_versions (
  resource_id uuid NOT NULL REFERENCES catalog.resources (id) ON DELETE CASCADE,
  -- 1 for the resource's first file, counting up.
  version integer NOT NULL,
  url text,
  blob_sha256 text,
  filename text,
  format text,
  mimetype text,
  size bigint,
  -- When that file became the resource's file, and when it was replaced (and by whom).
  published timestamptz NOT NULL,
  replaced timestamptz NOT NULL DEFAULT now(),
  replaced_by uuid,
  PRIMARY KEY (resource_id, version)
);
CREATE INDEX resource_versions_blob ON catalog.resource_versions (blob_sha256) WHERE blob_sha256 IS NOT NULL;
