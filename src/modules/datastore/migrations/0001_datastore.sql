-- The datastore: tabular resources converted to Parquet files, and the loads that made them.
CREATE SCHEMA datastore;

-- One row per resource whose data can be queried: the Parquet file readers use now.
CREATE TABLE datastore.tables (
  resource_id uuid PRIMARY KEY,
  -- The load that wrote the file; a new load replaces the row only once its file is complete.
  load_id uuid NOT NULL,
  -- Relative to DATA_DIR/datastore.
  file text NOT NULL,
  row_count bigint NOT NULL,
  -- [{id, type, source_type, label: {fr, en}, description: {fr, en}}], in the file's order.
  columns jsonb NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- Every load of a resource version: queued, running (with progress), done or failed.
CREATE TABLE datastore.loads (
  id uuid PRIMARY KEY,
  resource_id uuid NOT NULL,
  -- What was loaded: "sha256:<hex>" for an upload, "url:<address>" for a link.
  source text NOT NULL,
  format text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  rows_done bigint NOT NULL DEFAULT 0,
  bytes_total bigint,
  percent real NOT NULL DEFAULT 0,
  encoding text,
  -- {message: {fr, en}, row?, column?} when failed.
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX loads_resource ON datastore.loads (resource_id, created_at DESC);
