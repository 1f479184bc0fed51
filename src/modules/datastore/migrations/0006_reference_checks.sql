-- Integrity of a column declared as holding a reference set's codes (decision 0023): the last
-- check of each bound column, against the set's current version.
CREATE TABLE datastore.reference_checks (
  resource_id uuid NOT NULL,
  column_id text NOT NULL,
  set_id text NOT NULL,
  version_id text NOT NULL,
  checked_at timestamptz NOT NULL DEFAULT now(),
  -- rows checked, rows with a code, and per kind (unknown, retired, not_yet_valid, name_mismatch)
  counts jsonb NOT NULL,
  -- the first rows of each kind: {kind: [{row, value, date, name, official, successors}]}
  samples jsonb NOT NULL,
  PRIMARY KEY (resource_id, column_id)
);
CREATE INDEX reference_checks_set ON datastore.reference_checks (set_id);
