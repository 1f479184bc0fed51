import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/index.js';
import { ForbiddenError, IssueCollector, NotFoundError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { messages } from '../../platform/validation.js';
import { type Actor, isSysadmin } from './actor.js';
import { createPasswordLinksRepo } from './password-links.repo.js';
import { hashApiToken, hashPassword } from './secrets.js';

/** OWASP ASVS 2.1: at least 12 characters, at least 64 allowed, no composition rules. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** How long a link works: long enough for an administrator's message to be read. */
const LINK_DAYS = 7;

/** The reasons a chosen password is refused, under `path`. */
export function checkPassword(issues: IssueCollector, path: string, password: string, login?: string): void {
  if (password.length < PASSWORD_MIN) issues.add(path, 'too_short', messages.tooShort(PASSWORD_MIN));
  else if (password.length > PASSWORD_MAX) issues.add(path, 'too_long', messages.tooLong(PASSWORD_MAX));
  else if (login && password.trim().toLowerCase() === login.toLowerCase())
    issues.add(
      path,
      'is_login',
      localized(
        "Le mot de passe ne peut pas être votre nom d'utilisateur.",
        'The password cannot be your user name.',
      ),
    );
}

const linkGone = () =>
  new NotFoundError(
    'password link',
    '',
    localized(
      'Ce lien a expiré ou a déjà servi. Demandez-en un nouveau à l’administrateur du portail.',
      'This link has expired or was already used. Ask the portal’s administrator for a new one.',
    ),
  );

/**
 * One-time links to set a password: a sysadmin makes one for an account (people brought over by
 * a CKAN migration have no password here) and sends it; its owner chooses a password with it,
 * once, within a week. Only the SHA-256 of the link's secret is stored.
 */
export function createPasswordLinks(db: Db, findUser: (reference: string) => Promise<{ id: string } | null>) {
  const repo = createPasswordLinksRepo(db);
  return {
    /** A new link's secret for the account (its earlier unused links stop working). Sysadmins only. */
    async issue(actor: Actor, userReference: string): Promise<{ token: string; expiresAt: Date }> {
      if (!isSysadmin(actor))
        throw new ForbiddenError(
          localized(
            'Seul un administrateur du portail crée ces liens.',
            'Only portal administrators create these links.',
          ),
        );
      const user = await findUser(userReference);
      if (!user)
        throw new NotFoundError(
          'user',
          userReference,
          localized('Utilisateur introuvable', 'User not found'),
        );
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + LINK_DAYS * 86_400_000);
      await repo.insert(user.id, hashApiToken(token), expiresAt);
      return { token, expiresAt };
    },

    /** The account a link is for, when it still works; null otherwise. */
    async check(token: string): Promise<{ userId: string; userName: string } | null> {
      if (token.length > 100) return null;
      return repo.valid(hashApiToken(token));
    },

    /** Sets the account's password with the link, which then stops working. Returns the user's id. */
    async use(token: string, password: string, confirmation: string): Promise<string> {
      const link = await this.check(token);
      if (!link) throw linkGone();
      const issues = new IssueCollector();
      checkPassword(issues, 'password', password, link.userName);
      if (!issues.has('password') && confirmation !== password)
        issues.add(
          'confirmation',
          'mismatch',
          localized('Les deux mots de passe diffèrent.', 'The two passwords differ.'),
        );
      issues.throwIfAny();
      const userId = await repo.use(hashApiToken(token), await hashPassword(password));
      if (!userId) throw linkGone();
      return userId;
    },

    /** Accounts that have never set a password (to send each its link), by name. */
    withoutPassword: () => repo.withoutPassword(),
  };
}

export type PasswordLinks = ReturnType<typeof createPasswordLinks>;
