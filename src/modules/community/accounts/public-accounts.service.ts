import { TooManyRequestsError } from '../../../platform/http/errors.js';
import type { RateLimiter } from '../../../platform/http/rate-limit.js';
import { localized } from '../../../platform/i18n/index.js';
import type { AccountsService, Actor } from '../../accounts/index.js';
import type { MailService } from '../../mail/index.js';
import { alreadyRegisteredMail, resetMail, verifyMail } from './account-mail.js';

export interface PublicAccountsDeps {
  accounts: AccountsService;
  mail: MailService;
  baseUrl: string;
  siteTitle: string;
  /** Sign-ups and reset requests per client (and reset requests per address). */
  limiter: RateLimiter;
  /** Erases what the rest of the community module keeps of a person whose account is erased. */
  forget(userId: string): Promise<void>;
}

const tooMany = (seconds: number) =>
  new TooManyRequestsError(
    localized(
      'Trop de demandes depuis cette adresse. Réessayez plus tard.',
      'Too many requests from this address. Try again later.',
    ),
    seconds,
  );

/**
 * Accounts for the public: sign up and confirm the address by mail, reset a forgotten password by
 * mail, erase one's account. The answers never tell whether an address has an account.
 */
export function createPublicAccounts(deps: PublicAccountsDeps) {
  const { accounts, mail } = deps;
  const self = accounts.selfService;
  // The web pages' addresses (web/i18n/paths.ts: accountVerify, setPassword), French first.
  const links = {
    verify: (token: string) => `${deps.baseUrl}/fr/compte/confirmer/${token}`,
    password: (token: string) => `${deps.baseUrl}/fr/mot-de-passe/${token}`,
  };
  const spend = async (key: string) => {
    const wait = await deps.limiter.take(key);
    if (wait > 0) throw tooMany(wait);
  };

  return {
    /**
     * A new account: the confirmation link goes to the address. An address already used gets a
     * message saying so (with a reset link) and the caller the same answer as for a new account.
     */
    async signUp(
      input: { name: string; email: string; fullname: string | null; password: string },
      client: string,
    ): Promise<{ userId: string | null }> {
      await spend(`sign-up:${client}`);
      const email = input.email.trim();
      const outcome = await self.signUp({ ...input, email, name: input.name.trim() });
      if ('created' in outcome) {
        const { created, verifyToken } = outcome;
        await mail.send(verifyMail(created.email, created.name, links.verify(verifyToken), deps.siteTitle));
        return { userId: created.id };
      }
      const reset = await self.resetLink(outcome.existing.email);
      if (reset)
        await mail.send(
          alreadyRegisteredMail(reset.email, reset.name, links.password(reset.token), deps.siteTitle),
        );
      return { userId: null };
    },

    verify: (token: string) => self.verify(token),
    verified: (userId: string) => self.verified(userId),

    /** Sends a new confirmation link to the caller's own address (none if it is confirmed). */
    async resendVerification(actor: Actor, client: string): Promise<boolean> {
      await spend(`verify:${client}`);
      const again = await self.resendVerification(actor);
      if (!again) return false;
      await mail.send(
        verifyMail(again.email, actor.user?.name ?? '', links.verify(again.token), deps.siteTitle),
      );
      return true;
    },

    /** A reset link to the address if an account has it; the same answer whether or not. */
    async requestReset(email: string, client: string): Promise<void> {
      await spend(`reset:${client}`);
      await spend(`reset-address:${email.trim().toLowerCase().slice(0, 320)}`);
      const reset = await self.resetLink(email);
      if (reset)
        await mail.send(resetMail(reset.email, reset.name, links.password(reset.token), deps.siteTitle));
    },

    /**
     * Erases the caller's account and every message sent to its address (no farewell message: it
     * would keep the address in the outbox).
     */
    async deleteOwn(actor: Actor, password: string): Promise<void> {
      const erased = await self.deleteOwn(actor, password);
      await deps.forget(erased.id);
      if (erased.email) await mail.forget(erased.email);
    },
  };
}

export type PublicAccounts = ReturnType<typeof createPublicAccounts>;
