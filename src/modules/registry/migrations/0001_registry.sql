-- The business registry: the Registraire des entreprises' editions, the current one as tables,
-- and the changes found between successive editions.
CREATE SCHEMA registry;

-- Every import of an edition: loading (with its step), done (the current one is marked), failed.
CREATE TABLE registry.editions (
  id uuid PRIMARY KEY,
  -- The date the Registraire published the edition.
  published_on date NOT NULL,
  -- "sha256:<hex>" of the ZIP file.
  source text NOT NULL,
  state text NOT NULL CHECK (state IN ('loading', 'done', 'failed')),
  step text,
  -- {rows, of} while loading; row counts per file once done.
  progress jsonb,
  counts jsonb,
  -- Seconds per step of the import.
  timings jsonb,
  -- {message: {fr, en}, file?, line?} when failed.
  error jsonb,
  is_current boolean NOT NULL DEFAULT false,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE UNIQUE INDEX editions_one_current ON registry.editions (is_current) WHERE is_current;

-- The current edition. An import fills registry.<table>_next, then swaps the tables in one
-- transaction: readers see the previous edition until the new one is complete.
CREATE TABLE registry.enterprises (
  neq text PRIMARY KEY,
  name text,
  status text,
  status_on date,
  legal_form text,
  regime text,
  registered_on date,
  employees text,
  activity_code text,
  activity text,
  address text,
  municipality text,
  postal_code text,
  bankrupt boolean,
  constituted_on date,
  constitution_place text,
  name_updated_on date
);

-- Every name of every enterprise, current and former; name_key is the name folded for search.
CREATE TABLE registry.names (
  neq text NOT NULL,
  name text NOT NULL,
  name_key text NOT NULL,
  foreign_name text,
  status text,
  type text,
  start_on date,
  end_on date
);

-- Every word of the names, with the number of names holding it: what a misspelt word is
-- corrected to (trigram distance).
CREATE TABLE registry.words (
  word text PRIMARY KEY,
  names integer NOT NULL
);

CREATE TABLE registry.establishments (
  neq text NOT NULL,
  suffix integer NOT NULL,
  principal boolean NOT NULL,
  name text,
  address text,
  municipality text,
  postal_code text,
  activity_code text,
  activity text
);

-- Mergers and splits (FusionScissions) between enterprises.
CREATE TABLE registry.relations (
  neq text NOT NULL,
  related_neq text,
  related_name text,
  kind text,
  effective_on date
);

-- Continuations and transformations: changes of legal regime.
CREATE TABLE registry.continuations (
  neq text NOT NULL,
  change_type text,
  regime text,
  other_regime text,
  locality text,
  effective_on date
);

-- DomaineValeur: the labels of every code (French, as published).
CREATE TABLE registry.codes (
  domain text NOT NULL,
  code text NOT NULL,
  label text NOT NULL
);

-- What changed per enterprise from one edition to the next; seq orders the change feed.
CREATE TABLE registry.changes (
  seq bigserial PRIMARY KEY,
  edition_id uuid NOT NULL REFERENCES registry.editions (id),
  neq text NOT NULL,
  kind text NOT NULL,
  details jsonb
);
CREATE INDEX changes_enterprise ON registry.changes (neq, seq);
