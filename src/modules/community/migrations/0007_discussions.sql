-- Discussions on datasets and public consultations (plan measure 5), with what keeps them civil:
-- reports, moderation with a reason, bans, messages with links held for new accounts, and an
-- activity log of every step. Authors are accounts (accounts.users ids); datasets the catalog's.

-- A thread on a dataset: its title, opened by someone, closed by its author, the dataset's
-- publishers or an administrator.
CREATE TABLE community.threads (
  id uuid PRIMARY KEY,
  dataset_id uuid NOT NULL,
  title text NOT NULL,
  author_id uuid NOT NULL,
  closed_at timestamptz,
  closed_by uuid,
  created timestamptz NOT NULL DEFAULT now(),
  last_post_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX threads_dataset_idx ON community.threads (dataset_id, last_post_at DESC);

-- A message: a thread's post or a consultation's comment (exactly one of the two).
CREATE TABLE community.posts (
  id uuid PRIMARY KEY,
  thread_id uuid REFERENCES community.threads (id) ON DELETE CASCADE,
  consultation_id uuid,
  theme_id uuid,
  author_id uuid NOT NULL,
  -- Markdown as written (shown without raw HTML, links marked nofollow/ugc).
  body text NOT NULL,
  -- Written for the dataset's organisation (a publisher) or the portal (an administrator).
  official boolean NOT NULL DEFAULT false,
  -- Held for a moderator (a new account's message with a link): seen by its author and moderators.
  held boolean NOT NULL DEFAULT false,
  hidden_reason text,
  hidden_by uuid,
  created timestamptz NOT NULL DEFAULT now(),
  CHECK ((thread_id IS NULL) <> (consultation_id IS NULL))
);
CREATE INDEX posts_thread_idx ON community.posts (thread_id, created) WHERE thread_id IS NOT NULL;
CREATE INDEX posts_consultation_idx ON community.posts (consultation_id, created) WHERE consultation_id IS NOT NULL;
CREATE INDEX posts_author_idx ON community.posts (author_id);
CREATE INDEX posts_held_idx ON community.posts (created) WHERE held;

-- One report per person and message, until a moderator deals with it.
CREATE TABLE community.reports (
  post_id uuid NOT NULL REFERENCES community.posts (id) ON DELETE CASCADE,
  reporter_id uuid NOT NULL,
  reason text NOT NULL,
  created timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  PRIMARY KEY (post_id, reporter_id)
);
CREATE INDEX reports_open_idx ON community.reports (created) WHERE resolved_at IS NULL;

-- People who may no longer write (threads, replies, comments, reports), and why.
CREATE TABLE community.bans (
  user_id uuid PRIMARY KEY,
  reason text NOT NULL,
  banned_by uuid NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);

-- Every step of the discussions and consultations, for the moderators and the record.
CREATE TABLE community.activity (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid NOT NULL,
  action text NOT NULL,
  thread_id uuid,
  post_id uuid,
  consultation_id uuid,
  user_id uuid,
  reason text
);
CREATE INDEX activity_at_idx ON community.activity (at DESC);
CREATE INDEX activity_thread_idx ON community.activity (thread_id, at) WHERE thread_id IS NOT NULL;

-- A public consultation on a proposal, open for comments between two moments; at its end the
-- summary and the answer to each theme are published.
CREATE TABLE community.consultations (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  title text NOT NULL,
  description text NOT NULL,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL CHECK (closes_at > opens_at),
  summary text,
  concluded_at timestamptz,
  created_by uuid NOT NULL,
  created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consultations_opens_idx ON community.consultations (opens_at DESC);

CREATE TABLE community.consultation_themes (
  id uuid PRIMARY KEY,
  consultation_id uuid NOT NULL REFERENCES community.consultations (id) ON DELETE CASCADE,
  position int NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  answer text,
  UNIQUE (consultation_id, position)
);

ALTER TABLE community.posts
  ADD FOREIGN KEY (consultation_id) REFERENCES community.consultations (id) ON DELETE CASCADE,
  ADD FOREIGN KEY (theme_id) REFERENCES community.consultation_themes (id) ON DELETE SET NULL;
