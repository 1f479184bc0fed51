-- What `quai ckan migrate` brought from a CKAN portal, so that running it again changes only what
-- changed upstream (decision 0027).
CREATE TABLE harvest.migrated (
  portal text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('organization', 'group', 'dataset', 'user', 'membership')),
  -- A membership's id is "<organisation id> <user id>".
  upstream_id text NOT NULL,
  -- metadata_modified for a dataset, a hash of what was read for the others (a role for a membership).
  version text NOT NULL,
  migrated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (portal, kind, upstream_id)
);

-- Charts and maps brought with a resource, waiting for its table to be loaded here (a view names
-- the table's columns, so it is saved once they exist).
CREATE TABLE harvest.pending_views (
  view_id uuid PRIMARY KEY,
  resource_id uuid NOT NULL,
  portal text NOT NULL,
  title jsonb NOT NULL,
  spec jsonb NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pending_views_resource_idx ON harvest.pending_views (resource_id);
