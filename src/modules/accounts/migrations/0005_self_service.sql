-- Self-service accounts: anyone may create an account; its address is confirmed by a link sent
-- to it. Accounts made by an administrator or brought by a migration count as confirmed.
ALTER TABLE accounts.users ADD COLUMN email_verified timestamptz;
UPDATE accounts.users SET email_verified = created WHERE email IS NOT NULL;

-- One-time links now serve two purposes: choosing a password ('password': set by an
-- administrator's link or a reset asked by email) and confirming an address ('verify').
ALTER TABLE accounts.password_links
  ADD COLUMN purpose text NOT NULL DEFAULT 'password' CHECK (purpose IN ('password', 'verify'));
