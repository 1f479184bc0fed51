import { type Queryable, queryOne } from '../../platform/db/index.js';

/** `accounts.password_links`: one-time links to set a password, by the SHA-256 of their secret. */
export function createPasswordLinksRepo(db: Queryable) {
  return {
    /** A new link for the user; the user's earlier unused links stop working. */
    async insert(userId: string, tokenSha256: string, expiresAt: Date): Promise<void> {
      await db.query(
        `DELETE FROM accounts.password_links WHERE user_id = $1 AND purpose = 'password' AND used_at IS NULL`,
        [userId],
      );
      await db.query(
        'INSERT INTO accounts.password_links (token_sha256, user_id, expires_at) VALUES ($1, $2, $3)',
        [tokenSha256, userId, expiresAt],
      );
    },

    /** The user a link is for, when it is unused and unexpired and the account active. */
    async valid(tokenSha256: string): Promise<{ userId: string; userName: string } | null> {
      return queryOne<{ userId: string; userName: string }>(
        db,
        `SELECT l.user_id AS "userId", u.name AS "userName"
         FROM accounts.password_links l JOIN accounts.users u ON u.id = l.user_id
         WHERE l.token_sha256 = $1 AND l.purpose = 'password' AND l.used_at IS NULL AND l.expires_at > now() AND u.state = 'active'`,
        [tokenSha256],
      );
    },

    /**
     * Uses the link once: the password is set only if the link was still unused (two submissions
     * racing: one wins). The account's sessions end (whoever held one must sign in again) and its
     * address counts as confirmed (the link reached it). Returns the user's id, or null when the
     * link no longer works.
     */
    async use(tokenSha256: string, passwordHash: string): Promise<string | null> {
      const row = await queryOne<{ user_id: string }>(
        db,
        `WITH used AS (
           UPDATE accounts.password_links SET used_at = now()
           WHERE token_sha256 = $1 AND purpose = 'password' AND used_at IS NULL AND expires_at > now()
           RETURNING user_id)
         UPDATE accounts.users u SET password_hash = $2, email_verified = coalesce(u.email_verified, now())
         FROM used WHERE u.id = used.user_id AND u.state = 'active' RETURNING u.id AS user_id`,
        [tokenSha256, passwordHash],
      );
      if (row) await db.query('DELETE FROM accounts.sessions WHERE user_id = $1', [row.user_id]);
      return row?.user_id ?? null;
    },

    /** Users who have never set a password (accounts brought over by a migration), by name. */
    withoutPassword(): Promise<{ id: string; name: string; email: string | null }[]> {
      return db.query(
        `SELECT id, name, email FROM accounts.users
         WHERE state = 'active' AND password_hash IS NULL ORDER BY name`,
      );
    },
  };
}
