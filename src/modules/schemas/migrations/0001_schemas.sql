-- Shared data schemas (decision 0024): Table Schema descriptors with immutable semantic versions,
-- and validation reports (a resource's latest file, or the public validator's, kept a day).
CREATE SCHEMA IF NOT EXISTS schemas;

CREATE TABLE schemas.schemas (
  name text PRIMARY KEY,
  title jsonb NOT NULL,            -- {fr, en}
  description jsonb NOT NULL,      -- {fr, en}
  contact text NOT NULL,
  ecosystems text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE schemas.versions (
  name text NOT NULL REFERENCES schemas.schemas (name),
  version text NOT NULL,           -- semantic version, equal to the descriptor's `version`
  descriptor jsonb NOT NULL,       -- the Table Schema as published
  changelog jsonb NOT NULL,        -- {fr, en}: what changed since the previous version
  example text NOT NULL,           -- a CSV that validates (checked at publication)
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by text NOT NULL,
  PRIMARY KEY (name, version)
);

CREATE FUNCTION schemas.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'schemas: a published version is immutable';
END $$;
CREATE TRIGGER versions_immutable BEFORE UPDATE OR DELETE ON schemas.versions
  FOR EACH ROW EXECUTE FUNCTION schemas.refuse_change();

CREATE TABLE schemas.reports (
  id uuid PRIMARY KEY,
  resource_id uuid,                -- a resource's latest file; NULL for the public validator
  schema_name text NOT NULL,
  schema_version text NOT NULL,
  source jsonb NOT NULL,           -- {kind: upload | url | resource, name, sha256?, url?}
  report jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz           -- the public validator's reports go after a day
);
CREATE UNIQUE INDEX reports_resource ON schemas.reports (resource_id) WHERE resource_id IS NOT NULL;
CREATE INDEX reports_expiry ON schemas.reports (expires_at) WHERE expires_at IS NOT NULL;
