import { randomBytes, randomUUID } from 'node:crypto';
import { type Db, isUniqueViolation } from '../../platform/db/index.js';
import { IssueCollector, UnauthorizedError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { checkEmail, checkMaxLength, checkSlug, messages } from '../../platform/validation.js';
import type { AccountsRepo } from './accounts.repo.js';
import type { Actor } from './actor.js';
import { checkPassword } from './password-links.service.js';
import { hashApiToken, hashPassword, verifyPassword } from './secrets.js';
import { createSelfServiceRepo } from './self-service.repo.js';

/** A confirmation link works a week; a reset link an hour (OWASP: short-lived). */
const VERIFY_HOURS = 7 * 24;
const RESET_HOURS = 1;

export interface SignUp {
  name: string;
  email: string;
  fullname: string | null;
  password: string;
}

const nameTaken = () => localized("Ce nom d'utilisateur est déjà pris.", 'That login name is not available.');

/**
 * Accounts people make for themselves: sign-up (the address confirmed by a link), a forgotten
 * password reset by a link to the address, and erasing one's own account. Links are random
 * secrets of which only the SHA-256 is kept; the caller sends them (the mail module).
 */
export function createSelfService(db: Db, accounts: AccountsRepo) {
  const repo = createSelfServiceRepo(db);
  const link = async (userId: string, purpose: 'password' | 'verify', hours: number) => {
    const token = randomBytes(32).toString('base64url');
    await repo.insertLink(userId, purpose, hashApiToken(token), new Date(Date.now() + hours * 3_600_000));
    return token;
  };

  return {
    /**
     * A new account, its address not yet confirmed; with the link that confirms it. An address
     * already used gives `{ existing }` instead (its owner is told by mail, the caller is not: no
     * telling who has an account). A name taken is refused: names are public.
     */
    async signUp(
      input: SignUp,
    ): Promise<
      | { created: { id: string; name: string; email: string }; verifyToken: string }
      | { existing: { id: string; name: string; email: string } }
    > {
      const issues = new IssueCollector();
      checkSlug(issues, 'name', input.name);
      if (input.email.trim() === '') issues.add('email', 'required', messages.required());
      else checkEmail(issues, 'email', input.email);
      checkMaxLength(issues, 'email', input.email, 320);
      checkMaxLength(issues, 'fullname', input.fullname, 200);
      checkPassword(issues, 'password', input.password, input.name);
      if (!issues.has('name') && (await accounts.nameTaken(input.name)))
        issues.add('name', 'taken', nameTaken());
      issues.throwIfAny();
      const existing = await repo.byEmail(input.email);
      if (existing) return { existing };
      const id = randomUUID();
      try {
        await accounts.insertUser(
          {
            id,
            name: input.name,
            fullname: input.fullname,
            email: input.email,
            about: null,
            password_hash: await hashPassword(input.password),
            sysadmin: false,
          },
          { unconfirmed: true },
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Raced with another sign-up: the same name, or the same address.
        const again = await repo.byEmail(input.email);
        if (again) return { existing: again };
        throw new ValidationError([{ path: 'name', code: 'taken', message: nameTaken() }]);
      }
      return {
        created: { id, name: input.name, email: input.email },
        verifyToken: await link(id, 'verify', VERIFY_HOURS),
      };
    },

    /** A new confirmation link for a signed-in person whose address is not confirmed yet. */
    async resendVerification(actor: Actor): Promise<{ email: string; token: string } | null> {
      if (!actor.user) return null;
      const user = await accounts.findUserById(actor.user.id);
      if (!user?.email || (await repo.verified(user.id))) return null;
      return { email: user.email, token: await link(user.id, 'verify', VERIFY_HOURS) };
    },

    /** Confirms the address the link was sent to; the account's name, or null if the link no longer works. */
    async verify(token: string): Promise<string | null> {
      if (token.length > 100) return null;
      return (await repo.verify(hashApiToken(token)))?.userName ?? null;
    },

    /** Whether the user's address is confirmed (taking part in discussions and requests needs it). */
    verified: (userId: string) => repo.verified(userId),

    /**
     * A link to choose a new password, for the active account with this address; null when there
     * is none (the caller answers the same either way).
     */
    async resetLink(email: string): Promise<{ email: string; name: string; token: string } | null> {
      if (email.length > 320) return null;
      const user = await repo.byEmail(email.trim());
      if (!user) return null;
      return { email: user.email, name: user.name, token: await link(user.id, 'password', RESET_HOURS) };
    },

    /**
     * Erases the caller's own account once they give its password again; returns the address it
     * had (to erase what was sent to it).
     */
    async deleteOwn(actor: Actor, password: string): Promise<{ id: string; email: string | null }> {
      const invalid = () =>
        new ValidationError([
          {
            path: 'password',
            code: 'invalid',
            message: localized(
              "Ce n'est pas le mot de passe du compte.",
              'That is not the account’s password.',
            ),
          },
        ]);
      const signIn = () => new UnauthorizedError(localized('Connectez-vous d’abord.', 'Sign in first.'));
      if (!actor.user) throw signIn();
      const user = await accounts.findUserById(actor.user.id);
      if (user?.state !== 'active') throw signIn();
      if (
        !user.password_hash ||
        password.length > 1024 ||
        !(await verifyPassword(password, user.password_hash))
      )
        throw invalid();
      await db.transaction(async (tx) =>
        createSelfServiceRepo(tx).erase(user.id, `supprime-${user.id.slice(0, 8)}`),
      );
      return { id: user.id, email: user.email };
    },
  };
}

export type SelfService = ReturnType<typeof createSelfService>;
