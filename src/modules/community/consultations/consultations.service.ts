import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import {
  ConflictError,
  ForbiddenError,
  IssueCollector,
  NotFoundError,
} from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { messages, slugify } from '../../../platform/validation.js';
import { type AccountsService, type Actor, isSysadmin } from '../../accounts/index.js';
import { presentPost, seesPost } from '../discussions/discussions.service.js';
import type { Post } from '../discussions/discussions.types.js';
import { createModerationRepo, type PostRow } from '../moderation/moderation.repo.js';
import { type ModerationService, postNotFound, type Writing } from '../moderation/moderation.service.js';
import { type ConsultationRow, createConsultationsRepo, type ThemeRow } from './consultations.repo.js';

export const CONSULTATION_STATES = ['upcoming', 'open', 'closed', 'concluded'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

const THEMES_MAX = 20;
const TEXT_MAX = 20_000;
const COMMENTS_MAX = 2000;

export interface Consultation {
  id: string;
  name: string;
  title: string;
  description: string;
  opensAt: Date;
  closesAt: Date;
  state: ConsultationState;
  summary: string | null;
  concludedAt: Date | null;
  comments: number;
}

export interface ConsultationTheme {
  id: string;
  position: number;
  title: string;
  description: string;
  answer: string | null;
}

export interface NewConsultation {
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  themes: { title: string; description?: string }[];
}

export interface Conclusion {
  summary: string;
  /** The answer to each theme, by its id or its position (1, 2…). */
  answers: Record<string, string>;
}

const notFound = (reference: string) =>
  new NotFoundError(
    'consultation',
    reference,
    localized('Consultation introuvable', 'Consultation not found'),
  );
const administratorsOnly = () =>
  new ForbiddenError(
    localized(
      'Seuls les administrateurs du portail mènent les consultations.',
      'Only portal administrators run consultations.',
    ),
  );

/**
 * Public consultations (plan measure 5): an administrator opens one on a proposal for a period,
 * with its themes; people comment during the period (through the moderation guard); at the end
 * the summary and the answer to each theme are published.
 */
export function createConsultationsService(deps: {
  db: Db;
  accounts: AccountsService;
  moderation: ModerationService;
  now?: () => number;
}) {
  const repo = createConsultationsRepo(deps.db);
  const now = deps.now ?? Date.now;

  const stateOf = (row: ConsultationRow): ConsultationState => {
    const at = now();
    if (at < new Date(row.opens_at).getTime()) return 'upcoming';
    if (at < new Date(row.closes_at).getTime()) return 'open';
    return row.concluded_at ? 'concluded' : 'closed';
  };

  const present = (row: ConsultationRow): Consultation => ({
    id: row.id,
    name: row.name,
    title: row.title,
    description: row.description,
    opensAt: new Date(row.opens_at),
    closesAt: new Date(row.closes_at),
    state: stateOf(row),
    summary: row.concluded_at ? row.summary : null,
    concludedAt: row.concluded_at ? new Date(row.concluded_at) : null,
    comments: row.comments,
  });

  const presentThemes = (rows: ThemeRow[], concluded: boolean): ConsultationTheme[] =>
    rows.map((row) => ({
      id: row.id,
      position: row.position,
      title: row.title,
      description: row.description,
      answer: concluded ? row.answer : null,
    }));

  async function required(reference: string): Promise<ConsultationRow> {
    const row = reference.length <= 200 ? await repo.get(reference) : null;
    if (!row) throw notFound(reference);
    return row;
  }

  async function freeName(title: string): Promise<string> {
    const base = slugify(title).slice(0, 80) || 'consultation';
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}-${n}`;
      if (!(await repo.nameTaken(name))) return name;
    }
  }

  const moment = (value: string) => {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value) ? null : date;
  };

  return {
    async create(actor: Actor, input: NewConsultation): Promise<Consultation> {
      if (!isSysadmin(actor) || !actor.user) throw administratorsOnly();
      const issues = new IssueCollector();
      const title = input.title.trim();
      const description = input.description.trim();
      if (title.length < 5) issues.add('title', 'too_short', messages.tooShort(5));
      else if (title.length > 200) issues.add('title', 'too_long', messages.tooLong(200));
      if (description.length < 20) issues.add('description', 'too_short', messages.tooShort(20));
      else if (description.length > TEXT_MAX)
        issues.add('description', 'too_long', messages.tooLong(TEXT_MAX));
      const opensAt = moment(input.opensAt);
      const closesAt = moment(input.closesAt);
      const dateError = localized(
        'Une date AAAA-MM-JJ (ou une date-heure ISO 8601).',
        'A date YYYY-MM-DD (or an ISO 8601 date-time).',
      );
      if (!opensAt) issues.add('opens_at', 'date', dateError);
      if (!closesAt) issues.add('closes_at', 'date', dateError);
      else if (opensAt && closesAt <= opensAt)
        issues.add('closes_at', 'order', localized('Après l’ouverture.', 'After the opening.'));
      else if (closesAt.getTime() <= now())
        issues.add('closes_at', 'past', localized('Une date à venir.', 'A date to come.'));
      const themes = input.themes
        .map((theme) => ({ title: theme.title.trim(), description: (theme.description ?? '').trim() }))
        .filter((theme) => theme.title !== '');
      if (themes.length === 0 || themes.length > THEMES_MAX)
        issues.add(
          'themes',
          'count',
          localized(`De 1 à ${THEMES_MAX} thèmes.`, `From 1 to ${THEMES_MAX} themes.`),
        );
      themes.forEach((theme, index) => {
        if (theme.title.length > 200) issues.add(`themes.${index}.title`, 'too_long', messages.tooLong(200));
        if (theme.description.length > 5000)
          issues.add(`themes.${index}.description`, 'too_long', messages.tooLong(5000));
      });
      issues.throwIfAny();
      const id = randomUUID();
      const by = actor.user.id;
      const name = await freeName(title);
      await deps.db.transaction(async (tx) => {
        await createConsultationsRepo(tx).insert({
          id,
          name,
          title,
          description,
          opensAt: opensAt as Date,
          closesAt: closesAt as Date,
          createdBy: by,
          themes: themes.map((theme) => ({ id: randomUUID(), ...theme })),
        });
        await createModerationRepo(tx).log({
          actorId: by,
          action: 'consultation.opened',
          consultationId: id,
        });
      });
      return present((await repo.get(id)) as ConsultationRow);
    },

    async list(limit = 50, offset = 0): Promise<Consultation[]> {
      return (await repo.list(Math.min(limit, 100), offset)).map(present);
    },

    /** A consultation, its themes and the comments the reader may see. */
    async get(actor: Actor, reference: string) {
      const row = await required(reference);
      const consultation = present(row);
      const moderates = isSysadmin(actor);
      const rows = (await deps.moderation.repo.postsOf({ consultationId: row.id }, COMMENTS_MAX)).filter(
        (post) => seesPost(post, actor, moderates),
      );
      const names = await deps.accounts.namesByIds(rows.map((post) => post.author_id));
      return {
        consultation,
        themes: presentThemes(await repo.themes(row.id), consultation.state === 'concluded'),
        comments: rows.map((post) => presentPost(post, names, moderates)) as Post[],
        mayComment: actor.user !== null && consultation.state === 'open',
        mayModerate: moderates,
      };
    },

    /** A comment during the period, on the whole proposal or one theme (its id or position). */
    async comment(
      actor: Actor,
      reference: string,
      input: Writing & { theme?: string | null },
      client: string,
    ): Promise<Post> {
      const row = await required(reference);
      const themes = await repo.themes(row.id);
      const issues = new IssueCollector();
      const wanted = input.theme?.trim() || null;
      const theme = wanted
        ? themes.find((candidate) => candidate.id === wanted || String(candidate.position) === wanted)
        : null;
      if (wanted && !theme)
        issues.add(
          'theme',
          'unknown',
          localized('Ce thème n’est pas celui de la consultation.', 'Not a theme of this consultation.'),
        );
      const checked = await deps.moderation.guard(actor, input, client, issues);
      if (stateOf(row) !== 'open')
        throw new ConflictError(
          localized(
            'La consultation n’est pas ouverte aux commentaires en ce moment.',
            'The consultation is not open for comments at this time.',
          ),
        );
      const postId = randomUUID();
      const userId = checked.user.id;
      await deps.db.transaction(async (tx) => {
        const posts = createModerationRepo(tx);
        await posts.insertPost({
          id: postId,
          threadId: null,
          consultationId: row.id,
          themeId: theme?.id ?? null,
          authorId: userId,
          body: checked.body,
          official: false,
          held: checked.held,
        });
        await posts.log({ actorId: userId, action: 'comment.written', consultationId: row.id, postId });
        if (checked.held)
          await posts.log({ actorId: userId, action: 'post.held', consultationId: row.id, postId });
      });
      const found = await this.get(actor, row.id);
      return found.comments.find((comment) => comment.id === postId) as Post;
    },

    /** Ends the comment period now (administrators). */
    async closeNow(actor: Actor, reference: string): Promise<Consultation> {
      if (!isSysadmin(actor) || !actor.user) throw administratorsOnly();
      const row = await required(reference);
      if (stateOf(row) !== 'open')
        throw new ConflictError(
          localized('La consultation n’est pas ouverte.', 'The consultation is not open.'),
        );
      const by = actor.user.id;
      await deps.db.transaction(async (tx) => {
        await createConsultationsRepo(tx).closeNow(row.id);
        await createModerationRepo(tx).log({
          actorId: by,
          action: 'consultation.closed',
          consultationId: row.id,
        });
      });
      return present((await repo.get(row.id)) as ConsultationRow);
    },

    /** Publishes the summary and the answer to each theme, once the period is over (administrators). */
    async conclude(actor: Actor, reference: string, conclusion: Conclusion): Promise<Consultation> {
      if (!isSysadmin(actor) || !actor.user) throw administratorsOnly();
      const row = await required(reference);
      const state = stateOf(row);
      if (state === 'upcoming' || state === 'open')
        throw new ConflictError(
          localized(
            'La synthèse se publie une fois la période de commentaires terminée.',
            'The summary is published once the comment period is over.',
          ),
        );
      const issues = new IssueCollector();
      const summary = conclusion.summary.trim();
      if (summary.length < 20) issues.add('summary', 'too_short', messages.tooShort(20));
      else if (summary.length > TEXT_MAX) issues.add('summary', 'too_long', messages.tooLong(TEXT_MAX));
      const answers: { themeId: string; answer: string }[] = [];
      for (const theme of await repo.themes(row.id)) {
        const answer = (
          conclusion.answers[theme.id] ??
          conclusion.answers[String(theme.position)] ??
          ''
        ).trim();
        const field = `answers.${theme.position}`;
        if (answer.length < 2)
          issues.add(
            field,
            'required',
            localized(`Répondez au thème « ${theme.title} ».`, `Answer the theme "${theme.title}".`),
          );
        else if (answer.length > TEXT_MAX) issues.add(field, 'too_long', messages.tooLong(TEXT_MAX));
        answers.push({ themeId: theme.id, answer });
      }
      issues.throwIfAny();
      const by = actor.user.id;
      await deps.db.transaction(async (tx) => {
        await createConsultationsRepo(tx).conclude(row.id, summary, answers);
        await createModerationRepo(tx).log({
          actorId: by,
          action: 'consultation.concluded',
          consultationId: row.id,
        });
      });
      return present((await repo.get(row.id)) as ConsultationRow);
    },

    /** Where a comment is, for the moderators' queue. */
    async place(id: string): Promise<{ name: string; title: string } | null> {
      const row = await repo.get(id);
      return row ? { name: row.name, title: row.title } : null;
    },

    /** A comment, when the reader may see it; administrators moderate consultations. */
    async postOf(actor: Actor, postId: string): Promise<{ post: PostRow; moderates: boolean }> {
      const post = await deps.moderation.repo.post(postId);
      if (!post?.consultation_id) throw postNotFound(postId);
      const moderates = isSysadmin(actor);
      if (!seesPost(post, actor, moderates)) throw postNotFound(postId);
      return { post, moderates };
    },
  };
}

export type ConsultationsService = ReturnType<typeof createConsultationsService>;
