-- Follows and alerts: people follow what they care about (a dataset, an organisation, a theme, a
-- saved search, a tender buyer or category, an enterprise of the registry); what changed is
-- recorded once as an event, fanned out to its followers as notifications (one statement, however
-- many followers), then mailed as digests at each person's pace and listed in their private feed.
CREATE TABLE community.follows (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  kind text NOT NULL
    CHECK (kind IN ('dataset', 'organization', 'theme', 'search', 'buyer', 'category', 'enterprise')),
  -- The followed thing's stable key: a dataset's, organisation's or theme's id, the search's words,
  -- a buyer's OCDS id, a procurement category, an enterprise's NEQ.
  target text NOT NULL,
  -- What the person sees (a title, a name), as it was when they followed.
  label text NOT NULL,
  created timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, kind, target)
);
CREATE INDEX follows_target_idx ON community.follows (kind, target);

CREATE TABLE community.alert_settings (
  user_id uuid PRIMARY KEY,
  frequency text NOT NULL DEFAULT 'daily' CHECK (frequency IN ('immediate', 'daily', 'weekly', 'never')),
  -- Secrets in addresses: the private Atom feed, and the one-click unsubscribe of the digests.
  feed_token text NOT NULL UNIQUE,
  unsubscribe_token text NOT NULL UNIQUE,
  last_digest timestamptz
);

CREATE TABLE community.events (
  id bigserial PRIMARY KEY,
  -- What produced it (an activity, a tender, a registry change): an event is recorded once.
  source_key text NOT NULL UNIQUE,
  type text NOT NULL,
  -- What it is about ('dataset:<id>'): a dataset made private or deleted takes its events back.
  subject text,
  title_fr text NOT NULL,
  title_en text NOT NULL,
  url text NOT NULL,
  occurred timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_subject_idx ON community.events (subject) WHERE subject IS NOT NULL;

CREATE TABLE community.notifications (
  user_id uuid NOT NULL,
  event_id bigint NOT NULL REFERENCES community.events (id) ON DELETE CASCADE,
  mailed_at timestamptz,
  PRIMARY KEY (user_id, event_id)
);
CREATE INDEX notifications_pending_idx ON community.notifications (user_id, event_id) WHERE mailed_at IS NULL;

-- How far the feeds of other modules (procurement's releases, the registry's changes) were read.
CREATE TABLE community.cursors (
  source text PRIMARY KEY,
  position bigint NOT NULL
);
