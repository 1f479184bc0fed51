import { randomUUID } from 'node:crypto';
import { type Db, isUniqueViolation } from '../../platform/db/index.js';
import {
  ForbiddenError,
  IssueCollector,
  NotFoundError,
  ValidationError,
} from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { checkEmail, checkMaxLength, checkSlug, isUuid, messages } from '../../platform/validation.js';
import { type AccountsRepo, createAccountsRepo, type UserRow } from './accounts.repo.js';
import type { ApiToken, Member, User } from './accounts.types.js';
import { type Actor, isSysadmin, type Role, roleAtLeast } from './actor.js';
import { checkPassword, createPasswordLinks } from './password-links.service.js';
import { generateApiToken, hashApiToken, hashPassword, verifyPassword } from './secrets.js';
import { createSelfService } from './self-service.service.js';
import { createSessionService } from './sessions/sessions.service.js';
import { createSignInGuard } from './sign-in-guard.js';

export interface NewUser {
  name: string;
  email: string | null;
  fullname: string | null;
  about: string | null;
  password: string | null;
  sysadmin: boolean;
}

/** Who tries to sign in: the client's address, and the device cookie it shows (if any). */
export interface SignInAttempt {
  client: string;
  device: string | null;
}

export interface CreatedToken {
  /** The secret itself: returned once, never stored. */
  token: string;
  record: ApiToken;
}

const TOKEN_NAME_MAX = 200;

const forbidden = (fr: string, en: string) => new ForbiddenError(localized(fr, en));

export function createAccountsService({ db }: { db: Db }) {
  const repo = createAccountsRepo(db);
  const guard = createSignInGuard(db);
  // An unknown account costs the same password check as a real one (no telling which exist).
  let decoy: Promise<string> | null = null;

  return {
    /** Signed-in browsers. */
    sessions: createSessionService(db, (user) => actorOf(repo, user), repo),

    /** Accounts people make, confirm, recover and erase themselves. */
    selfService: createSelfService(db, repo),

    /** One-time links to set a password (accounts a migration brought have none). */
    passwordLinks: createPasswordLinks(db, (reference) => repo.findUser(reference)),

    /**
     * An account brought from another portal, with its id kept (so what refers to it, such as a
     * dataset's creator, stays true) and no password; run again, it is brought up to date.
     * Sysadmins only.
     */
    async importUser(
      actor: Actor,
      input: Omit<NewUser, 'password'> & { id: string },
    ): Promise<'created' | 'updated' | 'unchanged'> {
      const issues = checkNewUser(actor, input);
      checkMaxLength(issues, 'about', input.about, 5000);
      if (!isUuid(input.id))
        issues.add('id', 'invalid', localized("L'identifiant n'est pas un UUID.", 'The id is not a UUID.'));
      issues.throwIfAny();
      const existing = await repo.findUserById(input.id);
      const taken = await repo.takenByOther(input.id, input.name, input.email);
      if (taken)
        throw new ValidationError([
          {
            path: taken,
            code: 'taken',
            message: localized(
              'Un autre compte de ce portail a déjà ce nom ou cette adresse.',
              'Another account of this portal already has that name or address.',
            ),
          },
        ]);
      const fields = { name: input.name, fullname: input.fullname, email: input.email, about: input.about };
      if (!existing) {
        await repo.insertUser({ id: input.id, ...fields, password_hash: null, sysadmin: input.sysadmin });
        return 'created';
      }
      const same =
        existing.name === input.name &&
        existing.fullname === input.fullname &&
        existing.email === input.email &&
        existing.about === input.about &&
        existing.sysadmin === input.sysadmin;
      if (same) return 'unchanged';
      await repo.updateUser(input.id, { ...fields, sysadmin: input.sysadmin });
      return 'updated';
    },

    /** Only sysadmins create accounts (self-registration is a portal setting for later). */
    async createUser(actor: Actor, input: NewUser): Promise<User> {
      const issues = checkNewUser(actor, input);
      if (input.password !== null) checkPassword(issues, 'password', input.password, input.name);
      if (!issues.has('name') && (await repo.nameTaken(input.name))) {
        issues.add(
          'name',
          'taken',
          localized("Ce nom d'utilisateur est déjà pris.", 'That login name is not available.'),
        );
      }
      if (input.email && (await repo.emailTaken(input.email))) {
        issues.add(
          'email',
          'taken',
          localized('Cette adresse courriel est déjà utilisée.', 'That email address is already in use.'),
        );
      }
      issues.throwIfAny();
      const passwordHash = input.password === null ? null : await hashPassword(input.password);
      try {
        const row = await repo.insertUser({
          id: randomUUID(),
          name: input.name,
          fullname: input.fullname,
          email: input.email,
          about: input.about,
          password_hash: passwordHash,
          sysadmin: input.sysadmin,
        });
        if (!row) throw new Error('INSERT returned no row');
        return toUser(row);
      } catch (error) {
        // Two requests raced for the same name: report it like the checked case.
        if (isUniqueViolation(error)) {
          throw new ValidationError([
            {
              path: 'name',
              code: 'taken',
              message: localized("Ce nom d'utilisateur est déjà pris.", 'That login name is not available.'),
            },
          ]);
        }
        throw error;
      }
    },

    /** Account names by id, to show who wrote what (deleted accounts: `supprime-…`). */
    namesByIds: (ids: readonly string[]) => repo.namesByIds(ids),

    /** Active accounts with a confirmed address, by id: whom the portal may mail. */
    contactsByIds: (ids: readonly string[]) => repo.contactsByIds(ids),

    findUser: async (reference: string): Promise<User | null> => {
      const row = await repo.findUser(reference);
      return row && toUser(row);
    },

    /** Active users, by name or full name (CKAN's user_list and user_autocomplete). */
    async listUsers(options: {
      text: string | null;
      order: 'name' | 'fullname' | 'created';
      limit: number | null;
      offset: number;
    }): Promise<User[]> {
      return (await repo.listUsers(options)).map(toUser);
    },

    async requireUser(reference: string): Promise<User> {
      const user = await repo.findUser(reference);
      if (!user)
        throw new NotFoundError('user', reference, localized('Utilisateur introuvable', 'User not found'));
      return toUser(user);
    },

    /**
     * The user whose name (or email) and password match; null otherwise, whichever was wrong.
     * Failures are counted per account, per client and per account and client together; an
     * attempt they hold back is refused (429) whatever the password (see sign-in-guard.ts).
     */
    async authenticatePassword(
      login: string,
      password: string,
      attempt: SignInAttempt = { client: 'local', device: null },
    ): Promise<User | null> {
      const user = await repo.findUserByLogin(login);
      const account = user ? user.id : `?${login.trim().toLowerCase().slice(0, 320)}`;
      const trusted = await guard.trusts(attempt.device, user?.id ?? null);
      await guard.check(account, attempt.client, trusted);
      decoy ??= hashPassword(randomUUID());
      const ok = await verifyPassword(password, user?.password_hash ?? (await decoy));
      if (!ok || !user?.password_hash) {
        await guard.failed(account, attempt.client, trusted);
        return null;
      }
      await guard.succeeded(account, attempt.client);
      return toUser(user);
    },

    /** The device cookie a browser keeps after signing in: its owner is not held back by strangers' guesses. */
    deviceToken: (userId: string) => guard.deviceToken(userId),

    /** The actor behind an API token, or null when the token is unknown, expired or revoked. */
    async actorForToken(token: string): Promise<Actor | null> {
      const user = await repo.findUserByTokenHash(hashApiToken(token));
      return user ? actorOf(repo, user) : null;
    },

    actorForUser: (user: User) => actorOf(repo, user),

    /** A user creates tokens for themself; a sysadmin may create them for anyone. */
    async createToken(
      actor: Actor,
      input: { user: string; name: string; expiresAt: Date | null },
    ): Promise<CreatedToken> {
      const owner = await repo.findUser(input.user);
      if (!owner)
        throw new NotFoundError('user', input.user, localized('Utilisateur introuvable', 'User not found'));
      if (actor.user?.id !== owner.id && !isSysadmin(actor)) {
        throw forbidden(
          'Vous ne pouvez créer des jetons que pour vous-même.',
          'You can only create tokens for yourself.',
        );
      }
      const issues = new IssueCollector();
      if (input.name.trim() === '') issues.add('name', 'required', messages.required());
      checkMaxLength(issues, 'name', input.name, TOKEN_NAME_MAX);
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
        issues.add(
          'expires_at',
          'past',
          localized(
            "La date d'expiration doit être dans le futur.",
            'The expiry date must be in the future.',
          ),
        );
      }
      issues.throwIfAny();
      const token = generateApiToken();
      const record = await repo.insertToken({
        id: randomUUID(),
        user_id: owner.id,
        name: input.name.trim(),
        token_sha256: hashApiToken(token),
        expires_at: input.expiresAt,
      });
      if (!record) throw new Error('INSERT returned no row');
      return { token, record };
    },

    async listTokens(actor: Actor, userReference: string): Promise<ApiToken[]> {
      const owner = await this.requireUser(userReference);
      if (actor.user?.id !== owner.id && !isSysadmin(actor)) {
        throw forbidden('Vous ne pouvez voir que vos propres jetons.', 'You can only list your own tokens.');
      }
      return repo.listTokens(owner.id);
    },

    async revokeToken(actor: Actor, tokenId: string): Promise<void> {
      const token = await repo.findToken(tokenId);
      // Someone else's token answers "not found" too: its existence is not the caller's business.
      if (!token || (token.userId !== actor.user?.id && !isSysadmin(actor))) {
        throw new NotFoundError('token', tokenId, localized('Jeton introuvable', 'Token not found'));
      }
      await repo.deleteToken(tokenId);
    },

    /** Gives a user a role in an organisation (or changes it). Org admins and sysadmins only. */
    async setMembership(
      actor: Actor,
      input: { organizationId: string; user: string; role: Role },
    ): Promise<Member> {
      assertCanManageMembers(actor, input.organizationId);
      const user = await repo.findUser(input.user);
      if (!user) {
        throw new ValidationError([
          {
            path: 'username',
            code: 'unknown_user',
            message: localized(
              `L'utilisateur ${input.user} n'existe pas.`,
              `User ${input.user} does not exist.`,
            ),
          },
        ]);
      }
      const row = await repo.upsertMembership(input.organizationId, user.id, input.role);
      if (!row) throw new Error('membership upsert returned no row');
      return row;
    },

    async removeMembership(actor: Actor, input: { organizationId: string; user: string }): Promise<void> {
      assertCanManageMembers(actor, input.organizationId);
      const user = await this.requireUser(input.user);
      if (!(await repo.deleteMembership(input.organizationId, user.id))) {
        throw new NotFoundError(
          'membership',
          input.user,
          localized("Cette personne n'est pas membre.", 'That user is not a member.'),
        );
      }
    },

    /** The organisation's members, for its own members and sysadmins; others are refused. */
    async listMembersFor(actor: Actor, organizationId: string): Promise<Member[]> {
      if (!canSeeMembers(actor, organizationId)) {
        throw forbidden(
          "Seuls les membres de l'organisation voient la liste de ses membres.",
          'Only members of the organization can list its members.',
        );
      }
      return repo.listMembers(organizationId);
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

/** Only sysadmins make accounts; the name, address and full name every account needs, checked. */
function checkNewUser(actor: Actor, input: Pick<NewUser, 'name' | 'email' | 'fullname'>): IssueCollector {
  if (!isSysadmin(actor))
    throw forbidden('Seul un administrateur peut créer des comptes.', 'Only sysadmins can create users.');
  const issues = new IssueCollector();
  checkSlug(issues, 'name', input.name);
  checkEmail(issues, 'email', input.email);
  checkMaxLength(issues, 'fullname', input.fullname, 200);
  return issues;
}

/** A user as other modules see them: everything but the password's hash. */
function toUser(row: UserRow): User {
  const { password_hash: _hash, ...user } = row;
  return user;
}

async function actorOf(repo: AccountsRepo, user: Pick<User, 'id' | 'name' | 'sysadmin'>): Promise<Actor> {
  return {
    user: { id: user.id, name: user.name, sysadmin: user.sysadmin },
    memberships: await repo.memberships(user.id),
  };
}

/** Membership lists are not public: people's roles are shown to their colleagues only. */
export function canSeeMembers(actor: Actor, organizationId: string): boolean {
  return isSysadmin(actor) || actor.memberships.has(organizationId);
}

function assertCanManageMembers(actor: Actor, organizationId: string): void {
  if (isSysadmin(actor) || roleAtLeast(actor.memberships.get(organizationId), 'admin')) return;
  throw forbidden(
    "Seuls les administrateurs de l'organisation gèrent ses membres.",
    'Only organization admins can manage members.',
  );
}
