-- Usage of each dataset by month (issue 20): page views, downloads of its files and data, and
-- API reads, counted without IP addresses or cookies (Law 25): an event adds one to a counter,
-- nothing about who caused it is kept. Robots (by their user agent) are not counted. Counts are
-- added in batches (page-views.service.ts). docs/usage-statistics.md explains the method.
CREATE TABLE catalog.dataset_usage (
  dataset_id uuid NOT NULL REFERENCES catalog.datasets (id) ON DELETE CASCADE,
  month date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('view', 'download', 'api')),
  count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (dataset_id, month, kind)
);
