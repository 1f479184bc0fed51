import { type Queryable, queryOne } from '../../../platform/db/index.js';
import type { User } from '../accounts.types.js';

export function createSessionsRepo(db: Queryable) {
  return {
    async insert(session: { tokenSha256: string; userId: string; expiresAt: Date }): Promise<void> {
      await db.query(
        'INSERT INTO accounts.sessions (token_sha256, user_id, expires_at) VALUES ($1, $2, $3)',
        [session.tokenSha256, session.userId, session.expiresAt],
      );
    },

    /**
     * The active user of a live session, touching it when it was last seen more than
     * `touchAfterSeconds` ago (a session is used by every page view: writing each time would be waste).
     */
    findUser(tokenSha256: string, idleSeconds: number, touchAfterSeconds: number): Promise<User | null> {
      return queryOne<User>(
        db,
        `WITH live AS (
           SELECT s.token_sha256, s.user_id, s.last_seen FROM accounts.sessions s
           WHERE s.token_sha256 = $1 AND s.expires_at > now()
             AND s.last_seen > now() - make_interval(secs => $2)
         ), touched AS (
           UPDATE accounts.sessions s SET last_seen = now() FROM live
           WHERE s.token_sha256 = live.token_sha256 AND live.last_seen < now() - make_interval(secs => $3)
         )
         SELECT u.id, u.name, u.fullname, u.email, u.about, u.sysadmin, u.state, u.created
         FROM live JOIN accounts.users u ON u.id = live.user_id WHERE u.state = 'active'`,
        [tokenSha256, idleSeconds, touchAfterSeconds],
      );
    },

    async delete(tokenSha256: string): Promise<void> {
      await db.query('DELETE FROM accounts.sessions WHERE token_sha256 = $1', [tokenSha256]);
    },

    async deleteExpired(idleSeconds: number): Promise<void> {
      await db.query(
        `DELETE FROM accounts.sessions
         WHERE expires_at <= now() OR last_seen <= now() - make_interval(secs => $1)`,
        [idleSeconds],
      );
    },
  };
}
