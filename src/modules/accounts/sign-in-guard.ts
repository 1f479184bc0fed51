import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.js';
import { TooManyRequestsError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { createSignInRepo, type FailureCounts } from './sign-in.repo.js';

/**
 * Failed sign-ins are counted three ways (OWASP ASVS 4.0 §2.2.1; docs/decisions/0018):
 * - one account from one client: 10 in 15 minutes, then that client waits for that account;
 * - one client, whatever the accounts: 50 in 15 minutes, then it waits (spraying many accounts);
 * - one account from clients that never signed in to it (no device cookie): 100 in an hour, then
 *   those clients wait. A browser that signed in to the account before carries a device cookie
 *   and is not held back by strangers' guesses: nobody can lock the owner out.
 * The account is whatever the name or email typed resolves to; an unknown one costs the same
 * password check as a real one.
 */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  accountFromClient: 10,
  client: 50,
  accountUntrustedPerHour: 100,
} as const;

export function createSignInGuard(db: Queryable) {
  const repo = createSignInRepo(db);
  let key: Promise<Buffer> | null = null;
  const deviceKey = () => {
    key ??= repo
      .secret('device-cookies', () => randomBytes(32).toString('base64url'))
      .then((value) => Buffer.from(value, 'base64url'));
    return key;
  };
  const mac = async (userId: string) =>
    createHmac('sha256', await deviceKey())
      .update(`device:${userId}`)
      .digest('base64url');

  return {
    /** The device cookie's value for a browser that just signed in as the user. */
    async deviceToken(userId: string): Promise<string> {
      return `${userId}.${await mac(userId)}`;
    },

    /** Whether a device cookie was given to this client by a sign-in to this account. */
    async trusts(device: string | null, userId: string | null): Promise<boolean> {
      if (!device || !userId) return false;
      const [id, given] = device.split('.');
      if (id !== userId || !given) return false;
      const expected = Buffer.from(await mac(userId));
      const actual = Buffer.from(given);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },

    /** Refuses (429, with the wait) an attempt that one of the counts holds back. */
    async check(account: string, client: string, trusted: boolean): Promise<void> {
      const counts = await repo.counts(account, client, SIGN_IN_LIMITS.windowSeconds);
      const wait = waitSeconds(counts, trusted);
      if (wait > 0) {
        throw new TooManyRequestsError(
          localized(
            `Trop d'essais : réessayez dans ${wait} secondes.`,
            `Too many attempts: try again in ${wait} seconds.`,
          ),
          wait,
        );
      }
    },

    failed: (account: string, client: string, trusted: boolean) => repo.failed(account, client, trusted),
    succeeded: (account: string, client: string) => repo.succeeded(account, client),
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;

function waitSeconds(counts: FailureCounts, trusted: boolean): number {
  const until = (oldest: Date | null, seconds: number) =>
    oldest ? Math.max(1, Math.ceil((oldest.getTime() + seconds * 1000 - Date.now()) / 1000)) : 1;
  const waits = [
    counts.accountFromClient >= SIGN_IN_LIMITS.accountFromClient
      ? until(counts.oldest.accountFromClient, SIGN_IN_LIMITS.windowSeconds)
      : 0,
    counts.client >= SIGN_IN_LIMITS.client ? until(counts.oldest.client, SIGN_IN_LIMITS.windowSeconds) : 0,
    !trusted && counts.accountUntrusted >= SIGN_IN_LIMITS.accountUntrustedPerHour
      ? until(counts.oldest.accountUntrusted, 3600)
      : 0,
  ];
  return Math.max(...waits);
}
