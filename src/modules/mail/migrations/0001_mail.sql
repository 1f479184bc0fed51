-- Every message the portal sends: delivered by SMTP when one is configured (state 'queued' until
-- sent), otherwise kept here for the administrator to read (state 'kept'). Messages to an address
-- are erased with the account that owned it.
CREATE SCHEMA mail;

CREATE TABLE mail.messages (
  id uuid PRIMARY KEY,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  -- What the message is about ('account.verify', 'account.reset', …): for the outbox and the logs.
  kind text NOT NULL,
  state text NOT NULL CHECK (state IN ('queued', 'sent', 'kept', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  created timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX messages_created_idx ON mail.messages (created DESC);
CREATE INDEX messages_to_idx ON mail.messages (lower(to_address));
