-- Webhooks: a person's URL that receives signed events (the Standard Webhooks scheme), and every
-- delivery with its outcome, for the owner to read. Only public data goes out.
CREATE TABLE community.webhooks (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL,
  url text NOT NULL,
  -- whsec_ and the base64 of 32 random bytes: the HMAC key, shown to the owner.
  secret text NOT NULL,
  events text[] NOT NULL,
  -- Narrowed to one organisation's or one dataset's events, when set.
  organization_id uuid,
  dataset_id uuid,
  active boolean NOT NULL DEFAULT true,
  consecutive_failures int NOT NULL DEFAULT 0,
  disabled_reason text,
  created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_owner_idx ON community.webhooks (owner_id);
CREATE INDEX webhooks_active_idx ON community.webhooks (active) WHERE active;

CREATE TABLE community.webhook_deliveries (
  id uuid PRIMARY KEY,
  webhook_id uuid NOT NULL REFERENCES community.webhooks (id) ON DELETE CASCADE,
  event_type text NOT NULL,
  payload text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  status_code int,
  latency_ms int,
  response_excerpt text,
  error text,
  created timestamptz NOT NULL DEFAULT now(),
  last_attempt timestamptz
);
CREATE INDEX webhook_deliveries_webhook_idx ON community.webhook_deliveries (webhook_id, created DESC);
