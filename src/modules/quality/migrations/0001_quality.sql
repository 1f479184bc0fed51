-- The metadata quality score (decision 0025, docs/quality.md): each dataset's latest score and
-- the link checker's findings. Datasets and resources are the catalog's: referred to by id only.
CREATE SCHEMA quality;

-- A dataset's latest score: each criterion's verdict with its evidence, in French and English.
-- Titles and explanations come from the code: improving them needs no recomputation.
-- computed_at is when the facts were read: an older computation never replaces a newer one.
CREATE TABLE quality.scores (
  dataset_id uuid PRIMARY KEY,
  score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
  criteria jsonb NOT NULL,
  computed_at timestamptz NOT NULL
);

-- The latest check of each link resource (a URL, not an uploaded file). failing_since: when the
-- same URL was first found failing, for as long as it keeps failing.
CREATE TABLE quality.link_checks (
  resource_id uuid PRIMARY KEY,
  dataset_id uuid NOT NULL,
  url text NOT NULL,
  ok boolean NOT NULL,
  status integer,
  content_type text,
  size bigint,
  duration_ms integer NOT NULL,
  error_code text CHECK (error_code IN ('http', 'timeout', 'refused', 'network')),
  error_detail text,
  checked_at timestamptz NOT NULL,
  failing_since timestamptz
);
CREATE INDEX link_checks_dataset_idx ON quality.link_checks (dataset_id);

-- Each run of the link checker over every link resource.
CREATE TABLE quality.link_runs (
  id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  checked integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0
);
CREATE INDEX link_runs_started_idx ON quality.link_runs (started_at DESC);
