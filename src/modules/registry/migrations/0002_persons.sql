-- People linked to enterprises (directors, shareholders, ultimate beneficial owners), loaded
-- from BODS person and relationship statements. Never in bulk exports; searchable only by exact
-- full name, with every search logged (person_searches).
CREATE TABLE registry.persons (
  record_id text PRIMARY KEY,
  full_name text NOT NULL,
  -- The full name lower-cased, spaces collapsed: accents kept (the exact spelling is required).
  name_key text NOT NULL,
  -- As declared; never shown or exported.
  birth_date text,
  -- [{type, address, postCode, country}]: only service and business addresses are ever shown.
  addresses jsonb,
  nationalities jsonb,
  statement_date date
);
CREATE INDEX persons_name ON registry.persons (name_key);

-- A person's interests in an enterprise (BODS relationship statements).
CREATE TABLE registry.person_interests (
  person_record_id text NOT NULL REFERENCES registry.persons (record_id) ON DELETE CASCADE,
  neq text NOT NULL,
  -- [{type, directOrIndirect, beneficialOwnershipOrControl, share, startDate, endDate}]
  interests jsonb NOT NULL,
  statement_date date
);
CREATE INDEX person_interests_enterprise ON registry.person_interests (neq);
CREATE INDEX person_interests_person ON registry.person_interests (person_record_id);

-- The audit log of searches by a person's name: who asked what, when, and how many answers.
CREATE TABLE registry.person_searches (
  id bigserial PRIMARY KEY,
  searched_at timestamptz NOT NULL DEFAULT now(),
  client text NOT NULL,
  user_id uuid,
  query text NOT NULL,
  results integer NOT NULL
);
