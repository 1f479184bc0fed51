-- Webhooks an organisation owns: its administrators manage them together (the one who made it
-- may leave); a person's own webhooks have none.
ALTER TABLE community.webhooks ADD COLUMN owner_organization_id uuid;
CREATE INDEX webhooks_owner_organization_idx ON community.webhooks (owner_organization_id)
  WHERE owner_organization_id IS NOT NULL;
