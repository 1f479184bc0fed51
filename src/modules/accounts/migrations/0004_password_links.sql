-- One-time links to set a password (accounts brought over by a migration have none: CKAN never
-- hands out password hashes). Only the SHA-256 of a link's secret is kept.
CREATE TABLE accounts.password_links (
  token_sha256 text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES accounts.users (id) ON DELETE CASCADE,
  created timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_links_user_idx ON accounts.password_links (user_id);
