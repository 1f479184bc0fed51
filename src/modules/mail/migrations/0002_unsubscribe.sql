-- Messages sent to people who chose to receive them (digests) carry the address that stops them
-- in one click (RFC 8058's List-Unsubscribe and List-Unsubscribe-Post headers).
ALTER TABLE mail.messages ADD COLUMN unsubscribe_url text;
