-- Where a harvested dataset's metadata comes from (issue 19): one row per harvest source that
-- reaches it, written by the harvest module through the catalog's service. The authoritative
-- origin (the source that created the dataset) is the only writer of its harvested fields; the
-- others are sources where the same dataset was found again (duplicates merged into one).
-- Published as dct:source / adms:identifier in DCAT and as ckanext-harvest's extras in the CKAN API.
CREATE TABLE catalog.dataset_origins (
  dataset_id uuid NOT NULL REFERENCES catalog.datasets (id) ON DELETE CASCADE,
  -- The harvest source (opaque here), its title and the address of the catalogue it reads.
  source_id uuid NOT NULL,
  source_title text NOT NULL,
  source_url text NOT NULL,
  -- The dataset's identifier upstream and its page there.
  upstream_identifier text NOT NULL,
  upstream_url text,
  authoritative boolean NOT NULL,
  -- ckanext-harvest's harvest_object_id: the record that wrote it.
  record_id uuid NOT NULL,
  harvested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, source_id)
);
CREATE UNIQUE INDEX dataset_origins_one_authority ON catalog.dataset_origins (dataset_id) WHERE authoritative;
CREATE INDEX dataset_origins_identifier ON catalog.dataset_origins (upstream_identifier);
CREATE INDEX dataset_origins_upstream_url ON catalog.dataset_origins (upstream_url);
-- The same dataset reached through two sources is found by its landing page or its files' links.
CREATE INDEX datasets_url_idx ON catalog.datasets USING hash (url);
CREATE INDEX resources_url_idx ON catalog.resources USING hash (url);
