-- Public procurement in OCDS 1.1: every release as published (immutable), and one record per
-- contracting process holding its compiled release and the columns tender search needs.
CREATE SCHEMA procurement;

CREATE TABLE procurement.releases (
  -- Import order: stable paging and the order packages list releases in.
  seq bigserial PRIMARY KEY,
  ocid text NOT NULL,
  release_id text NOT NULL,
  -- The release's `date` as published (the merge sorts on this text) and as an instant.
  date text NOT NULL,
  released_at timestamptz NOT NULL,
  tags text[] NOT NULL,
  -- json (not jsonb) keeps the release's text exactly as it was imported.
  body json NOT NULL,
  -- SHA-256 of the release's canonical JSON: a replay is skipped, a change is refused.
  digest text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT releases_ocid_id_key UNIQUE (ocid, release_id)
);
CREATE INDEX releases_released_at ON procurement.releases (released_at, seq);

CREATE TABLE procurement.records (
  ocid text PRIMARY KEY,
  compiled json NOT NULL,
  release_count integer NOT NULL,
  -- The newest release's date: records are listed and bundled by it.
  released_at timestamptz NOT NULL,
  compiled_at timestamptz NOT NULL DEFAULT now(),
  -- Derived from the compiled release for tender search (written only by the compiler).
  title text,
  title_en text,
  buyer_id text,
  buyer_name text,
  tender_status text,
  procurement_method text,
  main_category text,
  value_amount numeric,
  tender_start timestamptz,
  tender_end timestamptz,
  -- When the first release tagged `tender` was published: the "new tenders" feed.
  opened_at timestamptz,
  search_vector tsvector NOT NULL DEFAULT ''::tsvector
);
CREATE INDEX records_released_at ON procurement.records (released_at, ocid);
CREATE INDEX records_open ON procurement.records (tender_status, tender_end);
CREATE INDEX records_buyer ON procurement.records (buyer_id);
CREATE INDEX records_opened_at ON procurement.records (opened_at DESC) WHERE opened_at IS NOT NULL;
CREATE INDEX records_search ON procurement.records USING gin (search_vector);
