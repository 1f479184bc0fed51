import type { Queryable } from '../../../platform/db/index.js';

export interface ThreadRow {
  id: string;
  dataset_id: string;
  title: string;
  author_id: string;
  closed_at: Date | null;
  closed_by: string | null;
  created: Date;
  last_post_at: Date;
  /** Messages everyone sees (neither held nor hidden). */
  posts: number;
  /** Whether a publisher or an administrator answered in it. */
  answered: boolean;
}

const THREAD = `SELECT t.*,
    (SELECT count(*)::int FROM community.posts p WHERE p.thread_id = t.id AND NOT p.held AND p.hidden_reason IS NULL) AS posts,
    EXISTS (SELECT 1 FROM community.posts p WHERE p.thread_id = t.id AND p.official AND p.hidden_reason IS NULL) AS answered
  FROM community.threads t`;

/** `community.threads`: discussions on datasets (their messages are `community.posts`). */
export function createDiscussionsRepo(db: Queryable) {
  return {
    async insert(row: { id: string; datasetId: string; title: string; authorId: string }): Promise<void> {
      await db.query(
        'INSERT INTO community.threads (id, dataset_id, title, author_id) VALUES ($1, $2, $3, $4)',
        [row.id, row.datasetId, row.title, row.authorId],
      );
    },

    async get(id: string): Promise<ThreadRow | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const rows = await db.query<ThreadRow>(`${THREAD} WHERE t.id = $1`, [id]);
      return rows[0] ?? null;
    },

    /**
     * A dataset's threads, the most recently active first. A thread whose every message is held
     * or hidden shows only to `viewerId` when they opened it, or to moderators (`all`).
     */
    ofDataset(datasetId: string, viewer: { id: string | null; all: boolean }, limit: number) {
      return db.query<ThreadRow>(
        `SELECT * FROM (${THREAD} WHERE t.dataset_id = $1) x
          WHERE $3 OR x.posts > 0 OR x.author_id = $2
          ORDER BY x.last_post_at DESC LIMIT $4`,
        [datasetId, viewer.id, viewer.all, limit],
      );
    },

    /** Threads shown per dataset (for counts on lists). */
    async countsOf(datasetIds: readonly string[]): Promise<Map<string, number>> {
      if (datasetIds.length === 0) return new Map();
      const rows = await db.query<{ dataset_id: string; n: number }>(
        `SELECT t.dataset_id, count(*)::int AS n FROM community.threads t
          WHERE t.dataset_id = ANY($1::uuid[])
            AND EXISTS (SELECT 1 FROM community.posts p WHERE p.thread_id = t.id AND NOT p.held AND p.hidden_reason IS NULL)
          GROUP BY t.dataset_id`,
        [datasetIds],
      );
      return new Map(rows.map((row) => [row.dataset_id, row.n]));
    },

    async touch(id: string): Promise<void> {
      await db.query('UPDATE community.threads SET last_post_at = now() WHERE id = $1', [id]);
    },

    async close(id: string, by: string | null): Promise<void> {
      await db.query(
        `UPDATE community.threads SET closed_at = CASE WHEN $2::uuid IS NULL THEN NULL ELSE now() END, closed_by = $2
          WHERE id = $1`,
        [id, by],
      );
    },

    /** Who wrote in a thread (shown messages), to tell them it was answered. */
    async participants(id: string): Promise<string[]> {
      const rows = await db.query<{ author_id: string }>(
        `SELECT DISTINCT author_id FROM community.posts
          WHERE thread_id = $1 AND NOT held AND hidden_reason IS NULL`,
        [id],
      );
      return rows.map((row) => row.author_id);
    },
  };
}

export type DiscussionsRepo = ReturnType<typeof createDiscussionsRepo>;
