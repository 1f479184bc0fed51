-- The reference data service (decision 0023): sets of official codes, immutable versions
-- (millésimes), one row per validity period of a code, lineage between periods, the change log
-- computed at publication, structure-change notices, and the availability probes.
CREATE SCHEMA IF NOT EXISTS reference;

CREATE TABLE reference.sets (
  id text PRIMARY KEY,
  -- The set's definition as the code declares it (entity type, titles, attributes, commitment).
  definition jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reference.versions (
  id text PRIMARY KEY,                      -- `<set>@<label>`
  set_id text NOT NULL REFERENCES reference.sets (id),
  label text NOT NULL,
  reference_date date NOT NULL,             -- the date of the state it describes
  previous_id text REFERENCES reference.versions (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  fictitious boolean NOT NULL DEFAULT false,
  attributes jsonb NOT NULL,                -- the structure (declared attributes) of this version
  sources jsonb NOT NULL,                   -- source files: name, sha256, bytes, rows, url, licence
  row_count integer NOT NULL,
  change_count integer NOT NULL,
  structure_override jsonb,                 -- {by, reason} when published inside the notice period
  UNIQUE (set_id, label)
);
CREATE INDEX versions_set_published ON reference.versions (set_id, published_at DESC);

CREATE TABLE reference.entities (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  set_id text NOT NULL REFERENCES reference.sets (id),
  code text NOT NULL,
  valid_from date,                          -- NULL: valid before the first version (date unknown)
  valid_to date,                            -- exclusive; NULL: still valid
  name text NOT NULL,
  name_en text,
  attributes jsonb NOT NULL,
  start_reason text,
  end_reason text,
  created_in text NOT NULL REFERENCES reference.versions (id),
  ended_in text REFERENCES reference.versions (id)
);
CREATE UNIQUE INDEX entities_period ON reference.entities (set_id, code, (COALESCE(valid_from, '-infinity'::date)));
CREATE INDEX entities_set ON reference.entities (set_id);

-- Each version's snapshot: the periods valid in it.
CREATE TABLE reference.version_entities (
  version_id text NOT NULL REFERENCES reference.versions (id),
  entity_id bigint NOT NULL REFERENCES reference.entities (id),
  PRIMARY KEY (version_id, entity_id)
);

-- The bulk files written from a version (derived: written again if a crash lost them).
CREATE TABLE reference.version_files (
  version_id text NOT NULL REFERENCES reference.versions (id),
  name text NOT NULL,
  sha256 text NOT NULL,
  bytes bigint NOT NULL,
  content_type text NOT NULL,
  PRIMARY KEY (version_id, name)
);

-- Predecessors and successors (many-to-many: mergers and splits), between periods.
CREATE TABLE reference.lineage (
  predecessor bigint NOT NULL REFERENCES reference.entities (id),
  successor bigint NOT NULL REFERENCES reference.entities (id),
  event text NOT NULL,
  effective date NOT NULL,
  version_id text NOT NULL REFERENCES reference.versions (id),
  PRIMARY KEY (predecessor, successor)
);
CREATE INDEX lineage_successor ON reference.lineage (successor);

CREATE TABLE reference.changes (
  version_id text NOT NULL REFERENCES reference.versions (id),
  position integer NOT NULL,
  code text NOT NULL,
  kind text NOT NULL,
  before jsonb,
  after jsonb,
  related text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (version_id, position)
);

-- A structure change announced ahead (SPD: three months' notice).
CREATE TABLE reference.notices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  set_id text NOT NULL REFERENCES reference.sets (id),
  announced_at timestamptz NOT NULL DEFAULT now(),
  effective_on date NOT NULL,
  description jsonb NOT NULL,               -- {fr, en}
  announced_by text NOT NULL
);

-- One sample per set and minute from the synthetic probe (a minute without one is a minute down).
CREATE TABLE reference.probes (
  set_id text NOT NULL REFERENCES reference.sets (id),
  minute timestamptz NOT NULL,
  api_ok boolean NOT NULL,
  files_ok boolean NOT NULL,
  api_ms integer,
  files_ms integer,
  PRIMARY KEY (set_id, minute)
);

-- What is published stays as published: versions, their snapshots, lineage and change logs are
-- never updated or deleted; a period only ever gains its end (once).
CREATE FUNCTION reference.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'reference: % is immutable once published', TG_TABLE_NAME;
END $$;
CREATE TRIGGER versions_immutable BEFORE UPDATE OR DELETE ON reference.versions
  FOR EACH ROW EXECUTE FUNCTION reference.refuse_change();
CREATE TRIGGER version_entities_immutable BEFORE UPDATE OR DELETE ON reference.version_entities
  FOR EACH ROW EXECUTE FUNCTION reference.refuse_change();
CREATE TRIGGER version_files_immutable BEFORE UPDATE OR DELETE ON reference.version_files
  FOR EACH ROW EXECUTE FUNCTION reference.refuse_change();
CREATE TRIGGER lineage_immutable BEFORE UPDATE OR DELETE ON reference.lineage
  FOR EACH ROW EXECUTE FUNCTION reference.refuse_change();
CREATE TRIGGER changes_immutable BEFORE UPDATE OR DELETE ON reference.changes
  FOR EACH ROW EXECUTE FUNCTION reference.refuse_change();

CREATE FUNCTION reference.period_ends_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.valid_to IS NOT NULL
     OR NEW.code <> OLD.code OR NEW.set_id <> OLD.set_id OR NEW.name <> OLD.name
     OR NEW.attributes <> OLD.attributes OR NEW.valid_from IS DISTINCT FROM OLD.valid_from THEN
    RAISE EXCEPTION 'reference: a period only gains its end, once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER entities_end_once BEFORE UPDATE ON reference.entities
  FOR EACH ROW EXECUTE FUNCTION reference.period_ends_once();
CREATE TRIGGER entities_kept BEFORE DELETE ON reference.entities
  FOR EACH ROW EXECUTE FUNCTION reference.refuse_change();
