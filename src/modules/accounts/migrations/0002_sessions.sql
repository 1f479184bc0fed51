-- Web sessions: a signed-in browser holds a random token in a cookie; only its SHA-256 is kept.
CREATE TABLE accounts.sessions (
  token_sha256 text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES accounts.users (id) ON DELETE CASCADE,
  created timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON accounts.sessions (user_id);
CREATE INDEX sessions_expires_idx ON accounts.sessions (expires_at);
