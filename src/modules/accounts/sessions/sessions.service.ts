import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import type { AccountsRepo } from '../accounts.repo.js';
import type { User } from '../accounts.types.js';
import type { Actor } from '../actor.js';
import { hashApiToken } from '../secrets.js';
import { createSessionsRepo } from './sessions.repo.js';

/**
 * A session ends after 20 hours without use (WCAG 2.2.1 needs no warning for time limits of 20
 * hours or more) and, whatever the use, 7 days after sign-in.
 */
export const SESSION_IDLE_SECONDS = 20 * 3600;
export const SESSION_MAX_SECONDS = 7 * 24 * 3600;
const TOUCH_AFTER_SECONDS = 60;

export interface SessionUser {
  actor: Actor;
  user: User;
}

/** Web sessions, kept in the database so that any web process can serve any request. */
export function createSessionService(
  db: Db,
  actorOf: (user: User) => Promise<Actor>,
  users: Pick<AccountsRepo, 'findUser'>,
) {
  const repo = createSessionsRepo(db);
  return {
    /** Opens a session for a user who has just proved who they are; returns the cookie's secret. */
    async start(userId: string): Promise<string> {
      const user = await users.findUser(userId);
      if (!user) throw new Error(`no active user ${userId}`);
      await repo.deleteExpired(SESSION_IDLE_SECONDS);
      const token = randomBytes(32).toString('base64url');
      await repo.insert({
        tokenSha256: hashApiToken(token),
        userId,
        expiresAt: new Date(Date.now() + SESSION_MAX_SECONDS * 1000),
      });
      return token;
    },

    /** The signed-in user behind a session cookie, or null when it is unknown or has ended. */
    async resolve(token: string): Promise<SessionUser | null> {
      if (token.length > 100) return null;
      const user = await repo.findUser(hashApiToken(token), SESSION_IDLE_SECONDS, TOUCH_AFTER_SECONDS);
      return user ? { user, actor: await actorOf(user) } : null;
    },

    async end(token: string): Promise<void> {
      await repo.delete(hashApiToken(token));
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
