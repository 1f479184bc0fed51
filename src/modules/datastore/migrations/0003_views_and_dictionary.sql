-- Column types a publisher asked for in the data dictionary; applied by the load that carries them.
ALTER TABLE datastore.loads ADD COLUMN types jsonb;

-- Charts and maps a publisher saved on a resource; anyone who may read the resource opens them.
CREATE TABLE datastore.views (
  id uuid PRIMARY KEY,
  resource_id uuid NOT NULL,
  -- {fr, en}
  title jsonb NOT NULL,
  -- {kind: bar | line | scatter | map, ...columns}: see views.ts.
  spec jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX views_resource ON datastore.views (resource_id, created_at);
