-- Rate limits shared by every process on one PostgreSQL database (platform/http/rate-limit.ts):
-- one row per limiter, key and fixed window, counted by an upsert.
CREATE UNLOGGED TABLE IF NOT EXISTS quai_rate_windows (
  name text NOT NULL,
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count int NOT NULL,
  PRIMARY KEY (name, key, window_start)
);
