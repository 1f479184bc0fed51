-- How many times each dataset's page was viewed, for "most viewed" lists. Counts are added in
-- batches (see views.service.ts), so a page view costs no write of its own.
CREATE TABLE catalog.dataset_views (
  dataset_id uuid PRIMARY KEY REFERENCES catalog.datasets (id) ON DELETE CASCADE,
  views bigint NOT NULL DEFAULT 0
);
CREATE INDEX dataset_views_views_idx ON catalog.dataset_views (views DESC);
