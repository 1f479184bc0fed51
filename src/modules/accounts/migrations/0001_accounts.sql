-- Accounts: people, their organisation roles and their API tokens.
CREATE SCHEMA accounts;

CREATE TABLE accounts.users (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  fullname text,
  email text,
  about text,
  password_hash text,
  sysadmin boolean NOT NULL DEFAULT false,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'deleted')),
  created timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_name_key ON accounts.users (name);
CREATE UNIQUE INDEX users_email_key ON accounts.users (lower(email)) WHERE email IS NOT NULL;

-- CKAN's organisation roles. The organisation itself belongs to the catalog module; its id is
-- kept here without a foreign key so that each module owns only its own tables.
CREATE TABLE accounts.memberships (
  organization_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES accounts.users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('admin', 'editor', 'member')),
  created timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_user_idx ON accounts.memberships (user_id);

-- Tokens are shown once at creation; only their SHA-256 is kept.
CREATE TABLE accounts.api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES accounts.users (id) ON DELETE CASCADE,
  name text NOT NULL,
  token_sha256 text NOT NULL UNIQUE,
  created timestamptz NOT NULL DEFAULT now(),
  last_used timestamptz,
  expires_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON accounts.api_tokens (user_id);
