import MarkdownIt from 'markdown-it';
import type { Db } from '../../../platform/db/index.js';
import {
  ForbiddenError,
  IssueCollector,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../../platform/http/errors.js';
import type { RateLimiter } from '../../../platform/http/rate-limit.js';
import { localized } from '../../../platform/i18n/index.js';
import { messages } from '../../../platform/validation.js';
import { type AccountsService, type Actor, isSysadmin } from '../../accounts/index.js';
import { type ActivityRow, createModerationRepo, type NewActivity, type PostRow } from './moderation.repo.js';

/** A message's longest body, in characters. */
export const BODY_MAX = 10_000;
/** An account younger than this has its messages with links held for a moderator. */
const NEW_ACCOUNT_MS = 7 * 24 * 3_600_000;
const REASON_MAX = 1000;

// Bare domains count (`exemple.com/promo`): markdown-it turns fuzzy links off for rendering.
const linkify = new MarkdownIt({ linkify: true }).linkify.set({ fuzzyLink: true, fuzzyIP: true });

/** Whether a text holds a link: a URL, a bare domain (`exemple.com`) or a Markdown link. */
export function hasLink(text: string): boolean {
  return linkify.test(text) || /\]\s*\(/.test(text);
}

/** What a message's author sends besides the body: the honeypot field people never see. */
export interface Writing {
  body: string;
  /** The honeypot: a field hidden from people; a robot that fills it is refused. */
  website?: string | null;
}

export interface ModerationDeps {
  db: Db;
  accounts: AccountsService;
  /** Messages per account (threads, replies, comments, reports). */
  perAccount: RateLimiter;
  /** Messages per client address, whoever is signed in. */
  perClient: RateLimiter;
  now?: () => number;
}

const signInFirst = () => new UnauthorizedError(localized('Connectez-vous d’abord.', 'Sign in first.'));
export const onlyAdministrators = () =>
  new ForbiddenError(
    localized('Seuls les administrateurs du portail modèrent.', 'Only portal administrators moderate.'),
  );
export const postNotFound = (reference: string) =>
  new NotFoundError('message', reference, localized('Message introuvable', 'Message not found'));

/**
 * What keeps discussions and consultations civil: who may write (signed in, address confirmed,
 * not banned, within the rate limits per account and per client, the honeypot left empty),
 * which messages wait for a moderator (a new account's message with a link), reports, hiding
 * with a reason, bans, and the activity log of every step.
 */
export function createModerationService(deps: ModerationDeps) {
  const repo = createModerationRepo(deps.db);
  const now = deps.now ?? Date.now;

  /** A banned person may no longer write, and is told why. */
  async function refuseBanned(userId: string): Promise<void> {
    const ban = await repo.banOf(userId);
    if (ban)
      throw new ForbiddenError(
        localized(
          `Votre compte ne peut plus écrire sur le portail : ${ban.reason}`,
          `Your account may no longer write on the portal: ${ban.reason}`,
        ),
      );
  }

  const tooMany = (wait: number) =>
    new TooManyRequestsError(
      localized(
        'Vous avez écrit beaucoup de messages récemment. Réessayez dans quelques minutes.',
        'You wrote many messages lately. Try again in a few minutes.',
      ),
      wait,
    );

  return {
    repo,

    /**
     * Checks a message before it is written; the author and whether it waits for a moderator.
     * `fields` are validated with it so that one answer names every problem.
     */
    async guard(
      actor: Actor,
      writing: Writing,
      client: string,
      issues: IssueCollector = new IssueCollector(),
    ): Promise<{ user: { id: string; name: string }; body: string; held: boolean }> {
      if (!actor.user) throw signInFirst();
      const user = actor.user;
      if (!(await deps.accounts.selfService.verified(user.id)))
        throw new ForbiddenError(
          localized(
            'Confirmez d’abord votre adresse courriel : suivez le lien du message reçu.',
            'Confirm your email address first: follow the link in the message you received.',
          ),
        );
      await refuseBanned(user.id);
      const body = writing.body.trim();
      if (body.length < 2) issues.add('body', 'too_short', messages.tooShort(2));
      else if (body.length > BODY_MAX) issues.add('body', 'too_long', messages.tooLong(BODY_MAX));
      if (writing.website?.trim())
        issues.add(
          'website',
          'must_be_empty',
          localized('Laissez ce champ vide.', 'Leave this field empty.'),
        );
      issues.throwIfAny();
      const wait = Math.max(
        await deps.perAccount.take(`user:${user.id}`),
        await deps.perClient.take(`client:${client}`),
      );
      if (wait > 0) throw tooMany(wait);
      return { user, body, held: await this.holds(actor, body) };
    },

    /**
     * Whether a message waits for a moderator: it has a link and its author's account is less
     * than a week old. Publishers and administrators are never held.
     */
    async holds(actor: Actor, body: string): Promise<boolean> {
      if (!actor.user || isSysadmin(actor) || actor.memberships.size > 0 || !hasLink(body)) return false;
      const account = await deps.accounts.findUser(actor.user.id);
      return !account || now() - account.created.getTime() < NEW_ACCOUNT_MS;
    },

    /** Refuses a banned person (to report, for example); the rate limit per account applies. */
    async mayAct(actor: Actor, client: string): Promise<{ id: string; name: string }> {
      if (!actor.user) throw signInFirst();
      await refuseBanned(actor.user.id);
      const wait = Math.max(
        await deps.perAccount.take(`user:${actor.user.id}`),
        await deps.perClient.take(`client:${client}`),
      );
      if (wait > 0) throw tooMany(wait);
      return actor.user;
    },

    /** A reason given by a moderator or a reporter: required, bounded. */
    reason(value: string | null | undefined, field = 'reason'): string {
      const reason = (value ?? '').trim();
      const issues = new IssueCollector();
      if (reason.length < 3) issues.add(field, 'required', localized('Donnez une raison.', 'Give a reason.'));
      else if (reason.length > REASON_MAX) issues.add(field, 'too_long', messages.tooLong(REASON_MAX));
      issues.throwIfAny();
      return reason;
    },

    /** Reports a message (the caller checked the reporter may read it); once per person. */
    async report(actor: Actor, post: PostRow, reason: string | null, client: string): Promise<void> {
      const user = await this.mayAct(actor, client);
      const why = this.reason(reason);
      if (await repo.report(post.id, user.id, why))
        await repo.log({
          actorId: user.id,
          action: 'post.reported',
          threadId: post.thread_id,
          consultationId: post.consultation_id,
          postId: post.id,
          reason: why,
        });
    },

    /** Hides a message with a reason (null shows it again); its open reports are dealt with. */
    async hide(actor: Actor, post: PostRow, reason: string | null): Promise<void> {
      const by = actor.user?.id ?? '';
      const why = reason === null ? null : this.reason(reason);
      await deps.db.transaction(async (tx) => {
        const txRepo = createModerationRepo(tx);
        await txRepo.hide(post.id, why, why === null ? null : by);
        await txRepo.resolveReports(post.id);
        await txRepo.log({
          actorId: by,
          action: why === null ? 'post.shown' : 'post.hidden',
          threadId: post.thread_id,
          consultationId: post.consultation_id,
          postId: post.id,
          reason: why,
        });
      });
    },

    /** Lets a held message through; its reports, if any, are dealt with. */
    async release(actor: Actor, post: PostRow): Promise<void> {
      await deps.db.transaction(async (tx) => {
        const txRepo = createModerationRepo(tx);
        await txRepo.release(post.id);
        await txRepo.resolveReports(post.id);
        await txRepo.log({
          actorId: actor.user?.id ?? '',
          action: 'post.released',
          threadId: post.thread_id,
          consultationId: post.consultation_id,
          postId: post.id,
        });
      });
    },

    /** Bans a person from writing (administrators); `reason` is shown to them. */
    async ban(actor: Actor, userReference: string, reason: string | null): Promise<void> {
      if (!isSysadmin(actor) || !actor.user) throw onlyAdministrators();
      const why = this.reason(reason);
      const user = await deps.accounts.findUser(userReference.trim());
      const issues = new IssueCollector();
      if (user?.state !== 'active')
        issues.add('user', 'unknown', localized('Aucun compte de ce nom.', 'No account by that name.'));
      else if (user.sysadmin)
        issues.add(
          'user',
          'administrator',
          localized('Un administrateur ne peut être banni.', 'An administrator cannot be banned.'),
        );
      issues.throwIfAny();
      const banned = user as { id: string };
      const by = actor.user.id;
      await deps.db.transaction(async (tx) => {
        const txRepo = createModerationRepo(tx);
        await txRepo.ban(banned.id, why, by);
        await txRepo.log({ actorId: by, action: 'user.banned', userId: banned.id, reason: why });
      });
    },

    async unban(actor: Actor, userReference: string): Promise<void> {
      if (!isSysadmin(actor) || !actor.user) throw onlyAdministrators();
      const user = await deps.accounts.findUser(userReference.trim());
      if (!user || !(await repo.unban(user.id)))
        throw new NotFoundError('ban', userReference, localized('Aucun bannissement', 'No ban'));
      await repo.log({ actorId: actor.user.id, action: 'user.unbanned', userId: user.id });
    },

    async bans(actor: Actor) {
      if (!isSysadmin(actor)) throw onlyAdministrators();
      const rows = await repo.bans(500);
      const names = await deps.accounts.namesByIds(rows.flatMap((row) => [row.user_id, row.banned_by]));
      return rows.map((row) => ({
        user: names.get(row.user_id) ?? '',
        reason: row.reason,
        by: names.get(row.banned_by) ?? '',
        created: new Date(row.created),
      }));
    },

    /** The activity log as people read it: who did what, when, why. */
    async activity(rows: ActivityRow[]) {
      const names = await deps.accounts.namesByIds(
        rows.flatMap((row) => [row.actor_id, ...(row.user_id ? [row.user_id] : [])]),
      );
      return rows.map((row) => ({
        at: new Date(row.at),
        actor: names.get(row.actor_id) ?? '',
        action: row.action,
        threadId: row.thread_id,
        postId: row.post_id,
        consultationId: row.consultation_id,
        user: row.user_id ? (names.get(row.user_id) ?? '') : null,
        reason: row.reason,
      }));
    },

    names: (ids: readonly string[]) => deps.accounts.namesByIds(ids),
    log: (entry: NewActivity) => repo.log(entry),
    forget: (userId: string) => repo.forget(userId),
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
export type LoggedStep = Awaited<ReturnType<ModerationService['activity']>>[number];
