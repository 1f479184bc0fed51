-- Usage of each resource by month (issue 20): views of its page, downloads of its file or data,
-- queries of its table. Counted like catalog.dataset_usage (0007), without addresses or cookies;
-- a resource's downloads and API reads also count towards its dataset's figures.
CREATE TABLE catalog.resource_usage (
  resource_id uuid NOT NULL REFERENCES catalog.resources (id) ON DELETE CASCADE,
  month date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('view', 'download', 'api')),
  count bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (resource_id, month, kind)
);
