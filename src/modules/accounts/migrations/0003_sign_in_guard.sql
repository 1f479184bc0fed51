-- Failed sign-ins, kept an hour: counted per account (whatever name or email was typed), per
-- client address, and per account and client together (docs/decisions/0018).
CREATE TABLE accounts.sign_in_failures (
  -- The user's id, or "?" and the identifier typed when no account has it.
  account text NOT NULL,
  client text NOT NULL,
  -- Whether the client showed this account's device cookie (a browser that signed in before).
  trusted boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_account ON accounts.sign_in_failures (account, at);
CREATE INDEX sign_in_failures_client ON accounts.sign_in_failures (client, at);

-- Secrets of this installation (random, made on first use): the key of device cookies.
CREATE TABLE accounts.secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);
