import type { Queryable } from '../../../platform/db/index.js';

export interface PostRow {
  id: string;
  thread_id: string | null;
  consultation_id: string | null;
  theme_id: string | null;
  author_id: string;
  body: string;
  official: boolean;
  held: boolean;
  hidden_reason: string | null;
  hidden_by: string | null;
  created: Date;
  /** Open reports on it. */
  reports: number;
}

export interface ReportRow {
  post_id: string;
  reporter_id: string;
  reason: string;
  created: Date;
}

export interface BanRow {
  user_id: string;
  reason: string;
  banned_by: string;
  created: Date;
}

export interface ActivityRow {
  id: string;
  at: Date;
  actor_id: string;
  action: string;
  thread_id: string | null;
  post_id: string | null;
  consultation_id: string | null;
  user_id: string | null;
  reason: string | null;
}

export interface NewActivity {
  actorId: string;
  action: string;
  threadId?: string | null;
  postId?: string | null;
  consultationId?: string | null;
  userId?: string | null;
  reason?: string | null;
}

const POST = `SELECT p.*, (SELECT count(*)::int FROM community.reports r
    WHERE r.post_id = p.id AND r.resolved_at IS NULL) AS reports
  FROM community.posts p`;

/** Messages (a thread's posts, a consultation's comments), reports, bans and the activity log. */
export function createModerationRepo(db: Queryable) {
  return {
    async insertPost(row: {
      id: string;
      threadId: string | null;
      consultationId: string | null;
      themeId: string | null;
      authorId: string;
      body: string;
      official: boolean;
      held: boolean;
    }): Promise<void> {
      await db.query(
        `INSERT INTO community.posts (id, thread_id, consultation_id, theme_id, author_id, body, official, held)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          row.id,
          row.threadId,
          row.consultationId,
          row.themeId,
          row.authorId,
          row.body,
          row.official,
          row.held,
        ],
      );
    },

    async post(id: string): Promise<PostRow | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const rows = await db.query<PostRow>(`${POST} WHERE p.id = $1`, [id]);
      return rows[0] ?? null;
    },

    /** A thread's or a consultation's messages, oldest first (at most `limit`). */
    postsOf(where: { threadId: string } | { consultationId: string }, limit: number): Promise<PostRow[]> {
      return 'threadId' in where
        ? db.query<PostRow>(`${POST} WHERE p.thread_id = $1 ORDER BY p.created, p.id LIMIT $2`, [
            where.threadId,
            limit,
          ])
        : db.query<PostRow>(`${POST} WHERE p.consultation_id = $1 ORDER BY p.created, p.id LIMIT $2`, [
            where.consultationId,
            limit,
          ]);
    },

    async hide(id: string, reason: string | null, by: string | null): Promise<void> {
      await db.query('UPDATE community.posts SET hidden_reason = $2, hidden_by = $3 WHERE id = $1', [
        id,
        reason,
        by,
      ]);
    },

    async release(id: string): Promise<void> {
      await db.query('UPDATE community.posts SET held = false WHERE id = $1', [id]);
    },

    /** One report per person and message; false when they had reported it already. */
    async report(postId: string, reporterId: string, reason: string): Promise<boolean> {
      const rows = await db.query(
        `INSERT INTO community.reports (post_id, reporter_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT (post_id, reporter_id) DO UPDATE SET reason = excluded.reason, created = now(), resolved_at = NULL
         WHERE community.reports.resolved_at IS NOT NULL
         RETURNING 1`,
        [postId, reporterId, reason],
      );
      return rows.length > 0;
    },

    async resolveReports(postId: string): Promise<void> {
      await db.query(
        'UPDATE community.reports SET resolved_at = now() WHERE post_id = $1 AND resolved_at IS NULL',
        [postId],
      );
    },

    /** Reports not dealt with yet, oldest first. */
    openReports(limit: number): Promise<ReportRow[]> {
      return db.query<ReportRow>(
        `SELECT post_id, reporter_id, reason, created FROM community.reports
          WHERE resolved_at IS NULL ORDER BY created LIMIT $1`,
        [limit],
      );
    },

    /** Messages reported and not dealt with, or held: what a moderator looks at. */
    queue(limit: number): Promise<PostRow[]> {
      return db.query<PostRow>(
        `${POST} WHERE p.held OR EXISTS (SELECT 1 FROM community.reports r
           WHERE r.post_id = p.id AND r.resolved_at IS NULL)
         ORDER BY p.created LIMIT $1`,
        [limit],
      );
    },

    async ban(userId: string, reason: string, by: string): Promise<void> {
      await db.query(
        `INSERT INTO community.bans (user_id, reason, banned_by) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET reason = excluded.reason, banned_by = excluded.banned_by, created = now()`,
        [userId, reason, by],
      );
    },

    async unban(userId: string): Promise<boolean> {
      return (
        (await db.query('DELETE FROM community.bans WHERE user_id = $1 RETURNING 1', [userId])).length > 0
      );
    },

    async banOf(userId: string): Promise<BanRow | null> {
      const rows = await db.query<BanRow>('SELECT * FROM community.bans WHERE user_id = $1', [userId]);
      return rows[0] ?? null;
    },

    bans(limit: number): Promise<BanRow[]> {
      return db.query<BanRow>('SELECT * FROM community.bans ORDER BY created DESC LIMIT $1', [limit]);
    },

    async log(entry: NewActivity): Promise<void> {
      await db.query(
        `INSERT INTO community.activity (actor_id, action, thread_id, post_id, consultation_id, user_id, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          entry.actorId,
          entry.action,
          entry.threadId ?? null,
          entry.postId ?? null,
          entry.consultationId ?? null,
          entry.userId ?? null,
          entry.reason ?? null,
        ],
      );
    },

    /** The newest steps first; a thread's own when named. */
    activity(limit: number, threadId: string | null = null): Promise<ActivityRow[]> {
      return db.query<ActivityRow>(
        `SELECT a.id::text AS id, a.at, a.actor_id, a.action, a.thread_id, a.post_id, a.consultation_id, a.user_id, a.reason
           FROM community.activity a WHERE ($2::uuid IS NULL OR a.thread_id = $2)
          ORDER BY a.id DESC LIMIT $1`,
        [limit, threadId],
      );
    },

    /** An erased account: its messages and reports go (and threads left without a message). */
    async forget(userId: string): Promise<void> {
      await db.query('DELETE FROM community.reports WHERE reporter_id = $1', [userId]);
      await db.query('DELETE FROM community.posts WHERE author_id = $1', [userId]);
      await db.query(
        `DELETE FROM community.threads t WHERE NOT EXISTS (SELECT 1 FROM community.posts p WHERE p.thread_id = t.id)`,
      );
      await db.query('DELETE FROM community.bans WHERE user_id = $1', [userId]);
    },
  };
}

export type ModerationRepo = ReturnType<typeof createModerationRepo>;
