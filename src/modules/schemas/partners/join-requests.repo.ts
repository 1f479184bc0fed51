import type { Queryable } from '../../../platform/db/index.js';
import type { JoinEvent, JoinRequest, JoinStatus } from './join-requests.types.js';

type Row = Record<string, unknown>;
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

const SELECT = `SELECT id, user_id AS "userId", organization_title AS "organizationTitle",
    organization_name AS "organizationName", kind, municipality_code AS "municipalityCode",
    contact_name AS "contactName", contact_email AS "contactEmail", plans, ecosystem, status, reason,
    organization_id AS "organizationId", decided_by AS "decidedBy", decided_at AS "decidedAt",
    created_at AS "createdAt"
  FROM schemas.join_requests`;

function request(row: Row): JoinRequest {
  return {
    ...(row as unknown as JoinRequest),
    decidedAt: iso(row.decidedAt),
    createdAt: iso(row.createdAt) as string,
  };
}

/** Join requests and their steps. */
export function createJoinRequestsRepo(db: Queryable) {
  return {
    async insert(
      value: Omit<
        JoinRequest,
        'status' | 'reason' | 'organizationId' | 'decidedBy' | 'decidedAt' | 'createdAt'
      >,
    ) {
      await db.query(
        `INSERT INTO schemas.join_requests (id, user_id, organization_title, organization_name, kind,
           municipality_code, contact_name, contact_email, plans, ecosystem)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          value.id,
          value.userId,
          value.organizationTitle,
          value.organizationName,
          value.kind,
          value.municipalityCode,
          value.contactName,
          value.contactEmail,
          value.plans,
          value.ecosystem,
        ],
      );
    },

    async get(id: string): Promise<JoinRequest | null> {
      const rows = await db.query<Row>(`${SELECT} WHERE id = $1`, [id]);
      return rows[0] ? request(rows[0]) : null;
    },

    async list(options: {
      status: JoinStatus | null;
      userId: string | null;
      limit: number;
    }): Promise<JoinRequest[]> {
      const rows = await db.query<Row>(
        `${SELECT} WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR user_id = $2)
         ORDER BY status = 'pending' DESC, created_at DESC LIMIT $3`,
        [options.status, options.userId, options.limit],
      );
      return rows.map(request);
    },

    async pendingNamed(name: string): Promise<boolean> {
      const rows = await db.query(
        `SELECT 1 FROM schemas.join_requests WHERE organization_name = $1 AND status = 'pending'`,
        [name],
      );
      return rows.length > 0;
    },

    async pendingOf(userId: string): Promise<number> {
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM schemas.join_requests WHERE user_id = $1 AND status = 'pending'`,
        [userId],
      );
      return rows[0]?.n ?? 0;
    },

    /** Decides a pending request; false when it was no longer pending (decided by someone else). */
    async decide(
      id: string,
      decision: {
        status: 'approved' | 'refused';
        reason: string | null;
        organizationId: string | null;
        by: string;
      },
    ): Promise<boolean> {
      const rows = await db.query(
        `UPDATE schemas.join_requests SET status = $2, reason = $3, organization_id = $4, decided_by = $5, decided_at = now()
         WHERE id = $1 AND status = 'pending' RETURNING 1`,
        [id, decision.status, decision.reason, decision.organizationId, decision.by],
      );
      return rows.length > 0;
    },

    async forOrganization(organizationId: string): Promise<JoinRequest | null> {
      const rows = await db.query<Row>(`${SELECT} WHERE organization_id = $1`, [organizationId]);
      return rows[0] ? request(rows[0]) : null;
    },

    async addEvent(requestId: string, step: string, actor: string, detail: Record<string, string> = {}) {
      await db.query(
        'INSERT INTO schemas.join_request_events (request_id, step, actor, detail) VALUES ($1, $2, $3, $4)',
        [requestId, step, actor, JSON.stringify(detail)],
      );
    },

    async hasEvent(requestId: string, step: string): Promise<boolean> {
      const rows = await db.query(
        'SELECT 1 FROM schemas.join_request_events WHERE request_id = $1 AND step = $2',
        [requestId, step],
      );
      return rows.length > 0;
    },

    async events(requestId: string): Promise<JoinEvent[]> {
      const rows = await db.query<Row>(
        'SELECT at, step, actor, detail FROM schemas.join_request_events WHERE request_id = $1 ORDER BY at, step',
        [requestId],
      );
      return rows.map((row) => ({ ...(row as unknown as JoinEvent), at: iso(row.at) as string }));
    },
  };
}
