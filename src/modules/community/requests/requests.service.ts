import { randomUUID } from 'node:crypto';
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
import type { Jobs } from '../../../platform/jobs/index.js';
import { messages } from '../../../platform/validation.js';
import {
  type AccountsService,
  type Actor,
  ANONYMOUS,
  isSysadmin,
  roleAtLeast,
} from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import type { MailService } from '../../mail/index.js';
import { createRequestsRepo, type EventRow, type RequestRow } from './requests.repo.js';
import {
  type DataRequest,
  type NewDataRequest,
  REQUEST_STATUSES,
  type RequestAnswer,
  type RequestEvent,
  type RequestSort,
  type RequestStatus,
} from './requests.types.js';
import { answeredMail } from './requests-mail.js';

export const ANSWERED_QUEUE = 'community.request-answered';

const TITLE_MAX = 200;
const TEXT_MAX = 5000;

export interface RequestsDeps {
  db: Db;
  jobs: Jobs;
  accounts: AccountsService;
  catalog: CatalogService;
  mail: MailService;
  /** Requests asked per account and hour. */
  limiter: RateLimiter;
  baseUrl: string;
  siteTitle: string;
  /** After the people were mailed: the answer as an event (their feeds, webhooks). */
  answered: (answer: AnsweredEvent) => Promise<void>;
}

/** An answer to a public data request, as the alerts and webhooks tell it. */
export interface AnsweredEvent {
  eventId: string;
  number: number;
  title: string;
  status: RequestStatus;
  message: string;
  url: string;
  organizationId: string | null;
  dataset: { id: string; name: string } | null;
  /** The author and the supporters (told already by mail). */
  people: string[];
}

const signInFirst = () => new UnauthorizedError(localized('Connectez-vous d’abord.', 'Sign in first.'));
const notFound = (reference: string) =>
  new NotFoundError('data request', reference, localized('Demande introuvable', 'Request not found'));

/**
 * Data requests (plan measure 5): anyone with a confirmed address asks for data that is missing
 * and supports others' requests (one vote each); the organisation's publishers or the portal's
 * administrators answer with a status (under review, planned, published with the dataset,
 * refused with a reason). Every answer is kept in the request's history, and its author and
 * supporters are told by mail, in one job whatever their number.
 */
export function createRequestsService(deps: RequestsDeps) {
  const repo = createRequestsRepo(deps.db);
  const { accounts, catalog } = deps;

  async function requireTakingPart(actor: Actor): Promise<{ id: string; name: string }> {
    if (!actor.user) throw signInFirst();
    if (!(await accounts.selfService.verified(actor.user.id)))
      throw new ForbiddenError(
        localized(
          'Confirmez d’abord votre adresse courriel : suivez le lien du message reçu (ou demandez-en un nouveau depuis votre espace).',
          'Confirm your email address first: follow the link in the message you received (or ask for a new one from your workspace).',
        ),
      );
    return actor.user;
  }

  /** Whether the actor answers for the request: the portal's administrators, its organisation's editors. */
  const mayAnswer = (actor: Actor, row: RequestRow) =>
    isSysadmin(actor) ||
    (row.organization_id !== null && roleAtLeast(actor.memberships.get(row.organization_id), 'editor'));

  async function visibleRow(actor: Actor, reference: string): Promise<RequestRow> {
    const row = await repo.get(reference);
    if (!row || (row.hidden_reason !== null && !isSysadmin(actor))) throw notFound(reference);
    return row;
  }

  /** The dataset id, when the reader may see it (a dataset made private later is not shown). */
  async function visibleDataset(
    actor: Actor,
    datasetId: string | null,
  ): Promise<{ id: string; name: string } | null> {
    if (!datasetId) return null;
    try {
      const { id, name } = await catalog.datasets.get(actor, datasetId);
      return { id, name };
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
      throw error;
    }
  }

  async function present(actor: Actor, rows: RequestRow[]): Promise<DataRequest[]> {
    const names = await accounts.namesByIds(rows.map((row) => row.author_id));
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        number: row.number,
        title: row.title,
        description: row.description,
        reason: row.reason,
        organizationId: row.organization_id,
        author: { id: row.author_id, name: names.get(row.author_id) ?? '' },
        status: row.status,
        statusReason: row.status_reason,
        ...(await datasetOf(actor, row.dataset_id)),
        supporters: row.supporters,
        created: new Date(row.created),
        updated: new Date(row.updated),
      })),
    );
  }

  async function presentEvents(actor: Actor, rows: EventRow[]): Promise<RequestEvent[]> {
    const names = await accounts.namesByIds(rows.map((row) => row.author_id));
    return Promise.all(
      rows.map(async (row) => ({
        id: row.id,
        author: { id: row.author_id, name: names.get(row.author_id) ?? '' },
        official: row.official,
        status: row.status,
        message: row.message,
        ...(await datasetOf(actor, row.dataset_id)),
        created: new Date(row.created),
      })),
    );
  }

  const datasetOf = async (actor: Actor, datasetId: string | null) => {
    const dataset = await visibleDataset(actor, datasetId);
    return { datasetId: dataset?.id ?? null, datasetName: dataset?.name ?? null };
  };

  const link = (number: number) => `${deps.baseUrl}/fr/demandes-de-donnees/${number}`;

  return {
    async create(actor: Actor, input: NewDataRequest): Promise<DataRequest> {
      const user = await requireTakingPart(actor);
      const issues = new IssueCollector();
      const title = input.title.trim();
      const description = input.description.trim();
      if (title.length < 5) issues.add('title', 'too_short', messages.tooShort(5));
      else if (title.length > TITLE_MAX) issues.add('title', 'too_long', messages.tooLong(TITLE_MAX));
      if (description.length < 20) issues.add('description', 'too_short', messages.tooShort(20));
      else if (description.length > TEXT_MAX)
        issues.add('description', 'too_long', messages.tooLong(TEXT_MAX));
      const reason = input.reason?.trim() || null;
      if (reason && reason.length > TEXT_MAX) issues.add('reason', 'too_long', messages.tooLong(TEXT_MAX));
      let organizationId: string | null = null;
      if (input.organization?.trim()) {
        try {
          organizationId = (await catalog.groups.require('organization', input.organization.trim())).id;
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          issues.add(
            'organization',
            'unknown',
            localized(
              'Cette organisation n’existe pas sur le portail.',
              'That organization is not on the portal.',
            ),
          );
        }
      }
      issues.throwIfAny();
      const wait = await deps.limiter.take(`request:${user.id}`);
      if (wait > 0)
        throw new TooManyRequestsError(
          localized(
            'Vous avez fait beaucoup de demandes récemment. Réessayez plus tard.',
            'You made many requests lately. Try again later.',
          ),
          wait,
        );
      const id = randomUUID();
      const row = await deps.db.transaction(async (tx) => {
        const txRepo = createRequestsRepo(tx);
        const inserted = await txRepo.insert({
          id,
          title,
          description,
          reason,
          organizationId,
          authorId: user.id,
        });
        await txRepo.addEvent({
          id: randomUUID(),
          requestId: id,
          authorId: user.id,
          official: false,
          status: 'open',
          message: '',
          datasetId: null,
        });
        // The author supports their own request.
        await txRepo.support(id, user.id);
        return { ...inserted, supporters: 1 };
      });
      return (await present(actor, [row]))[0] as DataRequest;
    },

    async get(
      actor: Actor,
      reference: string,
    ): Promise<{ request: DataRequest; events: RequestEvent[]; supported: boolean; mayAnswer: boolean }> {
      const row = await visibleRow(actor, reference);
      const [request] = await present(actor, [row]);
      return {
        request: request as DataRequest,
        events: await presentEvents(actor, await repo.events(row.id)),
        supported: actor.user ? await repo.supports(row.id, actor.user.id) : false,
        mayAnswer: mayAnswer(actor, row),
      };
    },

    async list(
      actor: Actor,
      filter: {
        status: RequestStatus | null;
        organization: string | null;
        text: string | null;
        sort: RequestSort;
        limit: number;
        offset: number;
      },
    ): Promise<{ total: number; requests: DataRequest[] }> {
      let organizationId: string | null = null;
      if (filter.organization) {
        organizationId = (await catalog.groups.require('organization', filter.organization)).id;
      }
      const text = filter.text?.trim().slice(0, 200) || null;
      const { total, rows } = await repo.list({ ...filter, organizationId, text });
      return { total, requests: await present(actor, rows) };
    },

    /** One vote per person; returns the count after it. */
    async support(actor: Actor, reference: string, supported: boolean): Promise<number> {
      const user = await requireTakingPart(actor);
      const row = await visibleRow(actor, reference);
      await deps.db.transaction(async (tx) => {
        const txRepo = createRequestsRepo(tx);
        if (supported) await txRepo.support(row.id, user.id);
        else await txRepo.withdraw(row.id, user.id);
      });
      return (await repo.get(row.id))?.supporters ?? 0;
    },

    /**
     * An answer: a status and its message, by the organisation's publishers or the portal's
     * administrators. `published` names the public dataset that answers; `refused` says why.
     */
    async answer(actor: Actor, reference: string, answer: RequestAnswer): Promise<DataRequest> {
      if (!actor.user) throw signInFirst();
      const row = await visibleRow(actor, reference);
      if (!mayAnswer(actor, row))
        throw new ForbiddenError(
          localized(
            'Seuls les éditeurs de l’organisation visée et les administrateurs du portail répondent aux demandes.',
            'Only editors of the organization asked and the portal’s administrators answer requests.',
          ),
        );
      const issues = new IssueCollector();
      if (!REQUEST_STATUSES.includes(answer.status))
        issues.add('status', 'invalid', localized('Statut inconnu.', 'Unknown status.'));
      const message = answer.message.trim();
      if (message.length > TEXT_MAX) issues.add('message', 'too_long', messages.tooLong(TEXT_MAX));
      if (answer.status === 'refused' && message === '')
        issues.add(
          'message',
          'required',
          localized('Dites pourquoi la demande est refusée.', 'Say why the request is refused.'),
        );
      let datasetId: string | null = null;
      if (answer.status === 'published') {
        if (!answer.dataset?.trim())
          issues.add(
            'dataset',
            'required',
            localized('Nommez le jeu de données publié.', 'Name the published dataset.'),
          );
        else {
          // Public, so that everyone who asked can open it.
          datasetId = (await visibleDataset(ANONYMOUS, answer.dataset.trim()))?.id ?? null;
          if (!datasetId)
            issues.add(
              'dataset',
              'unknown',
              localized('Aucun jeu de données public ne porte ce nom.', 'No public dataset has that name.'),
            );
        }
      }
      issues.throwIfAny();
      const eventId = randomUUID();
      await deps.db.transaction(async (tx) => {
        const txRepo = createRequestsRepo(tx);
        await txRepo.setStatus(row.id, answer.status, message || null, datasetId);
        await txRepo.addEvent({
          id: eventId,
          requestId: row.id,
          authorId: (actor.user as { id: string }).id,
          official: true,
          status: answer.status,
          message,
          datasetId,
        });
      });
      await deps.jobs.send(ANSWERED_QUEUE, { requestId: row.id, eventId }, { key: eventId });
      return (await this.get(actor, row.id)).request;
    },

    /** The job after an answer: one message to the author and to each supporter with a confirmed address. */
    async tellFollowers(requestId: string, eventId: string): Promise<void> {
      const row = await repo.get(requestId);
      if (!row) return;
      const event = (await repo.events(requestId)).find((candidate) => candidate.id === eventId);
      if (!event?.status) return;
      const ids = [row.author_id, ...(await repo.supporterIds(row.id))];
      const people = await accounts.contactsByIds(ids);
      const dataset = await visibleDataset(ANONYMOUS, event.dataset_id);
      await deps.mail.sendMany(
        people.map((person) =>
          answeredMail({
            to: person.email,
            name: person.name,
            title: row.title,
            status: event.status as RequestStatus,
            message: event.message,
            link: link(row.number),
            datasetLink: dataset ? `${deps.baseUrl}/fr/jeux-de-donnees/${dataset.name}` : null,
            site: deps.siteTitle,
          }),
        ),
      );
      // A hidden request makes no public event.
      if (row.hidden_reason === null)
        await deps.answered({
          eventId: event.id,
          number: row.number,
          title: row.title,
          status: event.status,
          message: event.message,
          url: link(row.number),
          organizationId: row.organization_id,
          dataset: dataset ? { id: dataset.id, name: dataset.name } : null,
          people: ids,
        });
    },

    /** Moderation: a hidden request answers 404 to all but administrators; null shows it again. */
    async hide(actor: Actor, reference: string, reason: string | null): Promise<void> {
      if (!isSysadmin(actor))
        throw new ForbiddenError(
          localized('Seuls les administrateurs du portail modèrent.', 'Only portal administrators moderate.'),
        );
      const row = await visibleRow(actor, reference);
      await repo.hide(row.id, reason?.trim() || null);
    },

    /** An erased account's supports are withdrawn. */
    forgetSupporter: (userId: string) => repo.forgetSupporter(userId),
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
