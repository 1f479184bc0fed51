import { type Queryable, queryOne } from '../../platform/db/index.js';

/** The SQL of self-service accounts: confirmation links, confirmed addresses, erasure. */
export function createSelfServiceRepo(db: Queryable) {
  return {
    /** A new link of the purpose; the user's earlier unused links of that purpose stop working. */
    async insertLink(userId: string, purpose: 'password' | 'verify', tokenSha256: string, expiresAt: Date) {
      await db.query(
        'DELETE FROM accounts.password_links WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL',
        [userId, purpose],
      );
      await db.query(
        'INSERT INTO accounts.password_links (token_sha256, user_id, expires_at, purpose) VALUES ($1, $2, $3, $4)',
        [tokenSha256, userId, expiresAt, purpose],
      );
    },

    /** Uses a confirmation link once: the address is confirmed. The user's name, or null. */
    async verify(tokenSha256: string): Promise<{ userId: string; userName: string } | null> {
      return queryOne<{ userId: string; userName: string }>(
        db,
        `WITH used AS (
           UPDATE accounts.password_links SET used_at = now()
           WHERE token_sha256 = $1 AND purpose = 'verify' AND used_at IS NULL AND expires_at > now()
           RETURNING user_id)
         UPDATE accounts.users u SET email_verified = coalesce(u.email_verified, now()) FROM used
         WHERE u.id = used.user_id AND u.state = 'active' RETURNING u.id AS "userId", u.name AS "userName"`,
        [tokenSha256],
      );
    },

    async verified(userId: string): Promise<boolean> {
      const row = await queryOne<{ verified: boolean }>(
        db,
        `SELECT email_verified IS NOT NULL AS verified FROM accounts.users WHERE id = $1 AND state = 'active'`,
        [userId],
      );
      return row?.verified ?? false;
    },

    /** The active account with this address (any case). */
    byEmail(email: string): Promise<{ id: string; name: string; email: string } | null> {
      return queryOne(
        db,
        `SELECT id, name, email FROM accounts.users WHERE lower(email) = lower($1) AND state = 'active'`,
        [email],
      );
    },

    /**
     * Erases an account's personal data: its name becomes `supprime-…`, its address, full name,
     * description and password go, with its sessions, tokens, roles and links. The row stays (what
     * it wrote keeps an author, shown as a deleted account).
     */
    async erase(userId: string, placeholderName: string): Promise<void> {
      await db.query('DELETE FROM accounts.sessions WHERE user_id = $1', [userId]);
      await db.query('DELETE FROM accounts.api_tokens WHERE user_id = $1', [userId]);
      await db.query('DELETE FROM accounts.memberships WHERE user_id = $1', [userId]);
      await db.query('DELETE FROM accounts.password_links WHERE user_id = $1', [userId]);
      await db.query(
        `UPDATE accounts.users SET name = $2, fullname = NULL, email = NULL, about = NULL,
           password_hash = NULL, email_verified = NULL, sysadmin = false, state = 'deleted'
         WHERE id = $1`,
        [userId, placeholderName],
      );
    },

    /** Ends every session of the user (after a password reset: whoever held one is out). */
    async endSessions(userId: string): Promise<void> {
      await db.query('DELETE FROM accounts.sessions WHERE user_id = $1', [userId]);
    },
  };
}
