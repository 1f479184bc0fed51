-- What `quai ckan migrate` brought from a CKAN portal, so that running it again changes only what
-- changed upstream (decision 0027).
CREATE TABLE harvest.migrated (
  portal text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('organization', 'group', 'dataset')),
  upstream_id text NOT NULL,
  -- metadata_modified for a dataset, a hash of what was read for an organisation or a group.
  version text NOT NULL,
  migrated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal, kind, upstream_id)
);
