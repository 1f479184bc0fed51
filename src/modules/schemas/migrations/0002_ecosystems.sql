-- Ecosystems (issue 18): partners who share schemas, the consolidated tables of their files, and
-- the requests of organisations that want to join the portal.
CREATE TABLE schemas.ecosystems (
  slug text PRIMARY KEY,
  title jsonb NOT NULL,              -- {fr, en}
  purpose jsonb NOT NULL,            -- {fr, en}: why the partners work together
  governance jsonb NOT NULL,         -- {fr, en}: who decides what, how schemas change
  lead_organization uuid NOT NULL,   -- catalog organisation
  contact text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE schemas.ecosystem_members (
  ecosystem text NOT NULL REFERENCES schemas.ecosystems (slug) ON DELETE CASCADE,
  organization_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('lead', 'member', 'observer')),
  contact text,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ecosystem, organization_id)
);

-- One consolidated table per ecosystem and schema: a catalog resource the module rebuilds when a
-- member's file changes; `sources` says which files (and which version of each) went in.
CREATE TABLE schemas.consolidations (
  ecosystem text NOT NULL REFERENCES schemas.ecosystems (slug) ON DELETE CASCADE,
  schema_name text NOT NULL REFERENCES schemas.schemas (name),
  dataset_id uuid NOT NULL,
  resource_id uuid NOT NULL,
  rows bigint NOT NULL,
  sources jsonb NOT NULL,            -- [{datasetId, resourceId, organizationId, sha256, rows, valid}]
  skipped jsonb NOT NULL,            -- [{datasetId, resourceId, reason: {fr, en}}]
  built_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ecosystem, schema_name)
);

CREATE TABLE schemas.join_requests (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,             -- the requester's account (accounts)
  organization_title text NOT NULL,
  organization_name text NOT NULL,   -- the slug the organisation will have
  kind text NOT NULL CHECK (kind IN ('municipalite', 'societe-civile', 'organisme-public')),
  municipality_code text,            -- for a municipality: its code in the municipalities set
  contact_name text NOT NULL,
  contact_email text NOT NULL,
  plans text NOT NULL,               -- what it will publish
  ecosystem text REFERENCES schemas.ecosystems (slug),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  reason text,                       -- why it was refused
  organization_id uuid,              -- once approved
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX join_requests_status ON schemas.join_requests (status, created_at);
CREATE INDEX join_requests_user ON schemas.join_requests (user_id);
CREATE UNIQUE INDEX join_requests_pending_name ON schemas.join_requests (organization_name) WHERE status = 'pending';

-- Each step of a request, for its activity log (submitted, approved, refused, admin, first dataset…).
CREATE TABLE schemas.join_request_events (
  request_id uuid NOT NULL REFERENCES schemas.join_requests (id),
  at timestamptz NOT NULL DEFAULT now(),
  step text NOT NULL,
  actor text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX join_request_events_request ON schemas.join_request_events (request_id, at);
