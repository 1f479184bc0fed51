-- Reuses (plan measure 3): what people made with the data — an application, a visualisation,
-- an article, an API — linked both ways with the datasets it uses; published once a moderator
-- approves it (at once for publishers and administrators). Calls for projects and events
-- (a call, a hackathon, a webinar) gather the reuses made for them.
CREATE TABLE community.calls (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('call', 'hackathon', 'webinar')),
  title text NOT NULL,
  description text NOT NULL,
  -- How to take part: who may, what to submit, prizes, the rules.
  participation text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  -- Datasets suggested (the catalog's ids; shown only while they are public).
  datasets uuid[] NOT NULL DEFAULT '{}',
  created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE community.reuses (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  title text NOT NULL,
  description text NOT NULL,
  type text NOT NULL CHECK (type IN ('application', 'visualization', 'article', 'api', 'other')),
  url text NOT NULL,
  -- The image as shown: resized, re-encoded, stripped of its metadata (a blob's SHA-256).
  image_sha256 text,
  author_id uuid NOT NULL,
  topics text[] NOT NULL DEFAULT '{}',
  call_id uuid REFERENCES community.calls (id),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'published', 'refused')),
  moderation_reason text,
  created timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX reuses_state_idx ON community.reuses (state, published_at DESC);
CREATE INDEX reuses_call_idx ON community.reuses (call_id) WHERE call_id IS NOT NULL;

CREATE TABLE community.reuse_datasets (
  reuse_id uuid NOT NULL REFERENCES community.reuses (id) ON DELETE CASCADE,
  dataset_id uuid NOT NULL,
  PRIMARY KEY (reuse_id, dataset_id)
);
CREATE INDEX reuse_datasets_dataset_idx ON community.reuse_datasets (dataset_id);
