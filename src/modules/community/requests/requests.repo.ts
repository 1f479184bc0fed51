import { type Queryable, queryOne } from '../../../platform/db/index.js';
import type { RequestSort, RequestStatus } from './requests.types.js';

export interface RequestRow {
  id: string;
  number: number;
  title: string;
  description: string;
  reason: string | null;
  organization_id: string | null;
  author_id: string;
  status: RequestStatus;
  status_reason: string | null;
  dataset_id: string | null;
  supporters: number;
  hidden_reason: string | null;
  created: Date;
  updated: Date;
}

export interface EventRow {
  id: string;
  author_id: string;
  official: boolean;
  status: RequestStatus | null;
  message: string;
  dataset_id: string | null;
  created: Date;
}

const ORDER: Record<RequestSort, string> = {
  supported: 'supporters DESC, created DESC, id',
  newest: 'created DESC, id',
  updated: 'updated DESC, id',
};

/** `community.data_requests`, their supports and their events. */
export function createRequestsRepo(db: Queryable) {
  return {
    async insert(row: {
      id: string;
      title: string;
      description: string;
      reason: string | null;
      organizationId: string | null;
      authorId: string;
    }): Promise<RequestRow> {
      const inserted = await queryOne<RequestRow>(
        db,
        `INSERT INTO community.data_requests (id, title, description, reason, organization_id, author_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [row.id, row.title, row.description, row.reason, row.organizationId, row.authorId],
      );
      if (!inserted) throw new Error('INSERT returned no row');
      return inserted;
    },

    /** By id or by public number; hidden requests too (the service decides who sees them). */
    get(reference: string): Promise<RequestRow | null> {
      const byNumber = /^\d{1,9}$/.test(reference);
      const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reference);
      if (!byNumber && !byId) return Promise.resolve(null);
      return queryOne<RequestRow>(
        db,
        `SELECT * FROM community.data_requests WHERE ${byNumber ? 'number = $1::int' : 'id = $1::uuid'}`,
        [reference],
      );
    },

    /** Visible requests, filtered, in the order asked, with their total. */
    async list(filter: {
      status: RequestStatus | null;
      organizationId: string | null;
      text: string | null;
      sort: RequestSort;
      limit: number;
      offset: number;
    }): Promise<{ total: number; rows: RequestRow[] }> {
      const where = `hidden_reason IS NULL
        AND ($1::text IS NULL OR status = $1)
        AND ($2::uuid IS NULL OR organization_id = $2)
        AND ($3::text IS NULL OR strpos(quai_fold(title || ' ' || description), quai_fold($3)) > 0)`;
      const params = [filter.status, filter.organizationId, filter.text];
      const [count] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM community.data_requests WHERE ${where}`,
        params,
      );
      const rows = await db.query<RequestRow>(
        `SELECT * FROM community.data_requests WHERE ${where} ORDER BY ${ORDER[filter.sort]} LIMIT $4 OFFSET $5`,
        [...params, filter.limit, filter.offset],
      );
      return { total: count?.n ?? 0, rows };
    },

    /** One vote per person: true when this one counted (false: already supported). */
    async support(requestId: string, userId: string): Promise<boolean> {
      const added = await db.query(
        `INSERT INTO community.data_request_supports (request_id, user_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [requestId, userId],
      );
      if (added.length === 0) return false;
      await db.query('UPDATE community.data_requests SET supporters = supporters + 1 WHERE id = $1', [
        requestId,
      ]);
      return true;
    },

    async withdraw(requestId: string, userId: string): Promise<boolean> {
      const removed = await db.query(
        'DELETE FROM community.data_request_supports WHERE request_id = $1 AND user_id = $2 RETURNING user_id',
        [requestId, userId],
      );
      if (removed.length === 0) return false;
      await db.query('UPDATE community.data_requests SET supporters = supporters - 1 WHERE id = $1', [
        requestId,
      ]);
      return true;
    },

    async supports(requestId: string, userId: string): Promise<boolean> {
      const rows = await db.query(
        'SELECT 1 FROM community.data_request_supports WHERE request_id = $1 AND user_id = $2',
        [requestId, userId],
      );
      return rows.length > 0;
    },

    /** Who supports a request (to tell them of an answer). */
    async supporterIds(requestId: string): Promise<string[]> {
      const rows = await db.query<{ user_id: string }>(
        'SELECT user_id FROM community.data_request_supports WHERE request_id = $1 ORDER BY created',
        [requestId],
      );
      return rows.map((row) => row.user_id);
    },

    async setStatus(
      requestId: string,
      status: RequestStatus,
      reason: string | null,
      datasetId: string | null,
    ): Promise<void> {
      await db.query(
        `UPDATE community.data_requests SET status = $2, status_reason = $3, dataset_id = $4, updated = now()
         WHERE id = $1`,
        [requestId, status, reason, datasetId],
      );
    },

    async addEvent(event: {
      id: string;
      requestId: string;
      authorId: string;
      official: boolean;
      status: RequestStatus | null;
      message: string;
      datasetId: string | null;
    }): Promise<void> {
      await db.query(
        `INSERT INTO community.data_request_events (id, request_id, author_id, official, status, message, dataset_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          event.id,
          event.requestId,
          event.authorId,
          event.official,
          event.status,
          event.message,
          event.datasetId,
        ],
      );
    },

    events(requestId: string): Promise<EventRow[]> {
      return db.query<EventRow>(
        `SELECT id, author_id, official, status, message, dataset_id, created
         FROM community.data_request_events WHERE request_id = $1 ORDER BY created, id`,
        [requestId],
      );
    },

    async hide(requestId: string, reason: string | null): Promise<void> {
      await db.query('UPDATE community.data_requests SET hidden_reason = $2 WHERE id = $1', [
        requestId,
        reason,
      ]);
    },

    /** An erased account's supports go (its requests stay, signed by the erased name). */
    async forgetSupporter(userId: string): Promise<void> {
      await db.query(
        `UPDATE community.data_requests r SET supporters = supporters - 1
         FROM community.data_request_supports s WHERE s.request_id = r.id AND s.user_id = $1`,
        [userId],
      );
      await db.query('DELETE FROM community.data_request_supports WHERE user_id = $1', [userId]);
    },
  };
}

export type RequestsRepo = ReturnType<typeof createRequestsRepo>;
