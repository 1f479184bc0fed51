-- The catalog: publishers (organisations), themes (groups), datasets and their resources,
-- and the activity log of every change.
CREATE SCHEMA catalog;

-- Organisations and groups share one shape, as in CKAN (is_organization tells them apart).
CREATE TABLE catalog.groups (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  is_organization boolean NOT NULL,
  title_fr text NOT NULL,
  title_en text,
  description_fr text,
  description_en text,
  image_url text,
  -- For themes: the EU data-theme code (ENVI, TRAN, …) that DCAT-AP asks for.
  eu_theme text,
  extras jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'deleted')),
  created timestamptz NOT NULL DEFAULT now(),
  modified timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX groups_name_key ON catalog.groups (name);

CREATE TABLE catalog.datasets (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL DEFAULT 'dataset',
  state text NOT NULL CHECK (state IN ('active', 'draft', 'deleted')),
  private boolean NOT NULL DEFAULT false,
  owner_org uuid NOT NULL REFERENCES catalog.groups (id),
  creator_user_id uuid,
  title_fr text NOT NULL,
  title_en text,
  notes_fr text,
  notes_en text,
  author text,
  author_email text,
  maintainer text,
  maintainer_email text,
  license_id text,
  url text,
  version text,
  update_frequency text,
  time_coverage_start date,
  time_coverage_end date,
  -- Spatial coverage as a bounding box in WGS 84 degrees.
  bbox_west double precision,
  bbox_south double precision,
  bbox_east double precision,
  bbox_north double precision,
  languages text[] NOT NULL DEFAULT '{fr}',
  tags text[] NOT NULL DEFAULT '{}',
  keywords_en text[] NOT NULL DEFAULT '{}',
  group_ids uuid[] NOT NULL DEFAULT '{}',
  extras jsonb NOT NULL DEFAULT '{}',
  metadata_created timestamptz NOT NULL DEFAULT now(),
  metadata_modified timestamptz NOT NULL DEFAULT now(),
  -- Derived search columns, written only by the repository's refreshSearch().
  -- facet_keys: every facet value of the dataset, prefixed by its facet: o<org id>, g<group id>,
  -- t<tag>, r<resource format>, l<licence>. One column serves filters and facet counts.
  facet_keys text[] NOT NULL DEFAULT '{}',
  title_sort text NOT NULL DEFAULT '',
  search_vector tsvector NOT NULL DEFAULT ''::tsvector,
  CHECK (time_coverage_start IS NULL OR time_coverage_end IS NULL OR time_coverage_start <= time_coverage_end)
);
-- A deleted dataset frees its name (as in CKAN 2.10+).
CREATE UNIQUE INDEX datasets_name_key ON catalog.datasets (name) WHERE state <> 'deleted';
CREATE INDEX datasets_name_idx ON catalog.datasets (name);
CREATE INDEX datasets_owner_org_idx ON catalog.datasets (owner_org);
CREATE INDEX datasets_modified_idx ON catalog.datasets (metadata_modified DESC);
CREATE INDEX datasets_search_idx ON catalog.datasets USING gin (search_vector);
CREATE INDEX datasets_facet_keys_idx ON catalog.datasets USING gin (facet_keys);
CREATE INDEX datasets_title_trgm_idx ON catalog.datasets USING gin (title_sort gin_trgm_ops);

CREATE TABLE catalog.resources (
  id uuid PRIMARY KEY,
  dataset_id uuid NOT NULL REFERENCES catalog.datasets (id),
  position integer NOT NULL,
  -- Either an external link (url) or an uploaded file (blob_sha256 + filename).
  url text,
  blob_sha256 text,
  filename text,
  name_fr text,
  name_en text,
  description_fr text,
  description_en text,
  format text,
  mimetype text,
  size bigint,
  resource_type text,
  extras jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'deleted')),
  created timestamptz NOT NULL DEFAULT now(),
  last_modified timestamptz,
  metadata_modified timestamptz NOT NULL DEFAULT now(),
  CHECK ((blob_sha256 IS NULL) = (filename IS NULL))
);
CREATE INDEX resources_dataset_idx ON catalog.resources (dataset_id, position);
CREATE INDEX resources_blob_idx ON catalog.resources (blob_sha256) WHERE blob_sha256 IS NOT NULL;

-- Who changed what, when: one row per change of a dataset, organisation or group.
CREATE TABLE catalog.activities (
  id uuid PRIMARY KEY,
  timestamp timestamptz NOT NULL DEFAULT clock_timestamp(),
  user_id uuid,
  user_name text,
  object_type text NOT NULL CHECK (object_type IN ('package', 'organization', 'group')),
  -- A dataset's activities are shown only to those who may see the dataset now (see activity.repo).
  object_id uuid NOT NULL,
  activity_type text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX activities_object_idx ON catalog.activities (object_id, timestamp DESC);

-- Bumped after every committed change to the catalogue: cached search results of an older
-- version are never served (every process reads it, so replicas stay consistent).
CREATE SEQUENCE catalog.search_version;
