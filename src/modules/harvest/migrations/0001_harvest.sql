-- Harvest sources, their runs and what each run found (issue 19, decision 0027).
CREATE SCHEMA harvest;

-- A partner's catalogue read on a schedule into one organisation of the portal.
CREATE TABLE harvest.sources (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  title text NOT NULL,
  -- The organisation its datasets belong to (catalog.groups; the catalog owns it).
  organization_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ckan', 'dcat', 'dcat-us', 'opendatasoft')),
  url text NOT NULL,
  -- A cron expression (5 fields, UTC), or null: run by hand only.
  schedule text,
  -- Upstream filters: { "organization": …, "tag": … }.
  filters jsonb NOT NULL DEFAULT '{}',
  license_default text,
  created_by uuid,
  created timestamptz NOT NULL DEFAULT now(),
  modified timestamptz NOT NULL DEFAULT now(),
  -- The newest upstream modification date a complete run saw (CKAN's incremental runs start there).
  since text,
  next_run_at timestamptz
);

CREATE TABLE harvest.runs (
  id uuid PRIMARY KEY,
  source_id uuid NOT NULL REFERENCES harvest.sources (id) ON DELETE CASCADE,
  -- A test: reads the source and reports what would change, writing nothing to the catalogue.
  dry_run boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  phase text NOT NULL DEFAULT 'fetching' CHECK (phase IN ('fetching', 'applying', 'withdrawing', 'done')),
  -- Where the fetch resumes (the reader's own cursor), the pages read and the total announced.
  cursor text,
  pages integer NOT NULL DEFAULT 0,
  requests integer NOT NULL DEFAULT 0,
  total integer,
  -- Whether the run started from the source's `since` (an incremental run).
  since text,
  error text,
  requested_by uuid,
  lease_until timestamptz,
  created timestamptz NOT NULL DEFAULT now(),
  started timestamptz,
  finished timestamptz
);
-- One run at a time per source.
CREATE UNIQUE INDEX runs_one_active ON harvest.runs (source_id) WHERE status IN ('queued', 'running');
CREATE INDEX runs_source_idx ON harvest.runs (source_id, created DESC);

-- What a run found upstream (staged while fetching), then what it did with each.
CREATE TABLE harvest.run_items (
  run_id uuid NOT NULL REFERENCES harvest.runs (id) ON DELETE CASCADE,
  seq serial,
  upstream_id text NOT NULL,
  upstream_modified text,
  -- The upstream record mapped to the portal's fields, or null when only listed (unchanged upstream).
  record jsonb,
  -- An excerpt of the upstream record when it could not be read.
  raw text,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  action text CHECK (action IN ('created', 'updated', 'unchanged', 'withdrawn', 'restored', 'merged', 'error')),
  reason text,
  dataset_id uuid,
  PRIMARY KEY (run_id, upstream_id)
);
CREATE INDEX run_items_pending ON harvest.run_items (run_id, seq) WHERE state = 'pending';

-- Each upstream dataset a source reached, and the portal's dataset it became.
CREATE TABLE harvest.records (
  id uuid PRIMARY KEY,
  source_id uuid NOT NULL REFERENCES harvest.sources (id) ON DELETE CASCADE,
  upstream_id text NOT NULL,
  dataset_id uuid NOT NULL,
  upstream_url text,
  upstream_modified text,
  content_hash text NOT NULL,
  -- Found through another source first: this source is recorded on the dataset but does not write it.
  merged_reason text,
  withdrawn_at timestamptz,
  last_run uuid,
  UNIQUE (source_id, upstream_id)
);
CREATE INDEX records_dataset_idx ON harvest.records (dataset_id);
