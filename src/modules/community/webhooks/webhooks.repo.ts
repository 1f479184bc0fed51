import { type Queryable, queryOne } from '../../../platform/db/index.js';

export interface WebhookRow {
  id: string;
  owner_id: string;
  /** Owned by an organisation: its administrators manage it. */
  owner_organization_id: string | null;
  url: string;
  secret: string;
  events: string[];
  organization_id: string | null;
  dataset_id: string | null;
  active: boolean;
  consecutive_failures: number;
  disabled_reason: string | null;
  created: Date;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_type: string;
  payload: string;
  state: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  status_code: number | null;
  latency_ms: number | null;
  response_excerpt: string | null;
  error: string | null;
  created: Date;
  last_attempt: Date | null;
}

/** `community.webhooks` and their deliveries. */
export function createWebhooksRepo(db: Queryable) {
  return {
    async insert(row: Omit<WebhookRow, 'active' | 'consecutive_failures' | 'disabled_reason' | 'created'>) {
      const inserted = await queryOne<WebhookRow>(
        db,
        `INSERT INTO community.webhooks (id, owner_id, owner_organization_id, url, secret, events, organization_id, dataset_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          row.id,
          row.owner_id,
          row.owner_organization_id,
          row.url,
          row.secret,
          row.events,
          row.organization_id,
          row.dataset_id,
        ],
      );
      if (!inserted) throw new Error('INSERT returned no row');
      return inserted;
    },
    get: (id: string) => queryOne<WebhookRow>(db, 'SELECT * FROM community.webhooks WHERE id = $1', [id]),
    /** A person's own webhooks, and those of the organisations they administer. */
    ofOwner: (ownerId: string, organizationIds: readonly string[] = []) =>
      db.query<WebhookRow>(
        `SELECT * FROM community.webhooks
          WHERE (owner_id = $1 AND owner_organization_id IS NULL) OR owner_organization_id = ANY($2::uuid[])
          ORDER BY created`,
        [ownerId, organizationIds],
      ),
    async delete(id: string): Promise<void> {
      await db.query('DELETE FROM community.webhooks WHERE id = $1', [id]);
    },
    /** Active webhooks that take an event of this type about this organisation and dataset. */
    listening: (eventType: string, organizationId: string | null, datasetId: string | null) =>
      db.query<WebhookRow>(
        `SELECT * FROM community.webhooks WHERE active AND $1 = ANY(events)
           AND (organization_id IS NULL OR organization_id = $2) AND (dataset_id IS NULL OR dataset_id = $3)`,
        [eventType, organizationId, datasetId],
      ),
    async insertDelivery(row: { id: string; webhookId: string; eventType: string; payload: string }) {
      await db.query(
        `INSERT INTO community.webhook_deliveries (id, webhook_id, event_type, payload) VALUES ($1, $2, $3, $4)`,
        [row.id, row.webhookId, row.eventType, row.payload],
      );
    },
    getDelivery: (id: string) =>
      queryOne<DeliveryRow>(db, 'SELECT * FROM community.webhook_deliveries WHERE id = $1', [id]),
    deliveries: (webhookId: string, limit: number) =>
      db.query<DeliveryRow>(
        'SELECT * FROM community.webhook_deliveries WHERE webhook_id = $1 ORDER BY created DESC, id LIMIT $2',
        [webhookId, limit],
      ),
    async attempted(
      id: string,
      outcome: {
        state: DeliveryRow['state'];
        statusCode: number | null;
        latencyMs: number;
        excerpt: string | null;
        error: string | null;
      },
    ): Promise<void> {
      await db.query(
        `UPDATE community.webhook_deliveries SET state = $2, attempts = attempts + 1, status_code = $3,
           latency_ms = $4, response_excerpt = $5, error = $6, last_attempt = now() WHERE id = $1`,
        [id, outcome.state, outcome.statusCode, outcome.latencyMs, outcome.excerpt, outcome.error],
      );
    },
    /** Counts a delivery that failed for good; disables the webhook past `limit`. True when it did. */
    async failed(webhookId: string, limit: number, reason: string): Promise<boolean> {
      const row = await queryOne<{ active: boolean }>(
        db,
        `UPDATE community.webhooks SET consecutive_failures = consecutive_failures + 1,
           active = consecutive_failures + 1 < $2,
           disabled_reason = CASE WHEN consecutive_failures + 1 >= $2 THEN $3 ELSE disabled_reason END
         WHERE id = $1 AND active RETURNING active`,
        [webhookId, limit, reason],
      );
      return row !== null && !row.active;
    },
    async succeeded(webhookId: string): Promise<void> {
      await db.query('UPDATE community.webhooks SET consecutive_failures = 0 WHERE id = $1', [webhookId]);
    },
    async enable(id: string): Promise<void> {
      await db.query(
        'UPDATE community.webhooks SET active = true, consecutive_failures = 0, disabled_reason = NULL WHERE id = $1',
        [id],
      );
    },
    async forgetOwner(ownerId: string): Promise<void> {
      // An organisation's webhooks stay with it.
      await db.query('DELETE FROM community.webhooks WHERE owner_id = $1 AND owner_organization_id IS NULL', [
        ownerId,
      ]);
    },
  };
}

export type WebhooksRepo = ReturnType<typeof createWebhooksRepo>;
