-- Data requests (plan measure 5): someone asks for data that is missing; people support it (one
-- vote each); publishers answer and set a status. Authors, supporters and answerers are accounts
-- (accounts.users ids, no foreign key across modules); the dataset that answers is the catalog's.
CREATE TABLE community.data_requests (
  id uuid PRIMARY KEY,
  -- A short public number, for addresses people can read aloud: /fr/demandes-de-donnees/42.
  number serial UNIQUE,
  title text NOT NULL,
  description text NOT NULL,
  reason text,
  organization_id uuid,
  author_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'under_review', 'planned', 'published', 'refused')),
  status_reason text,
  dataset_id uuid,
  supporters int NOT NULL DEFAULT 0,
  hidden_reason text,
  created timestamptz NOT NULL DEFAULT now(),
  updated timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_requests_status_idx ON community.data_requests (status, created DESC);
CREATE INDEX data_requests_supporters_idx ON community.data_requests (supporters DESC, created DESC);
CREATE INDEX data_requests_organization_idx ON community.data_requests (organization_id);

CREATE TABLE community.data_request_supports (
  request_id uuid NOT NULL REFERENCES community.data_requests (id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  created timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, user_id)
);
CREATE INDEX data_request_supports_user_idx ON community.data_request_supports (user_id);

-- What happened to a request, in order: asked, each answer (a status with its message).
CREATE TABLE community.data_request_events (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES community.data_requests (id) ON DELETE CASCADE,
  author_id uuid NOT NULL,
  -- Whether the author answered for the organisation (a publisher) or the portal (a sysadmin).
  official boolean NOT NULL DEFAULT false,
  status text CHECK (status IN ('open', 'under_review', 'planned', 'published', 'refused')),
  message text NOT NULL DEFAULT '',
  dataset_id uuid,
  created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_request_events_request_idx ON community.data_request_events (request_id, created);
