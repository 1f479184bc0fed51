import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { type AccountsService, restApi } from '../accounts/index.js';
import { type CatalogService, DATASET_WRITTEN } from '../catalog/index.js';
import type { MailService } from '../mail/index.js';
import { type ProcurementService, RELEASES_PUBLISHED } from '../procurement/index.js';
import { REGISTRY_CHANGED, type RegistryService } from '../registry/index.js';
import { createPublicAccounts, type PublicAccounts } from './accounts/public-accounts.service.js';
import { createAlertsRepo } from './alerts/alerts.repo.js';
import type { Frequency } from './alerts/alerts.types.js';
import { createDigests } from './alerts/digests.js';
import { createEventsService, DIGEST_QUEUE, type EventsService } from './alerts/events.service.js';
import { createFollowsService, type FollowsService } from './alerts/follows.service.js';
import { alertRoutes } from './api/alerts.routes.js';
import { consultationRoutes } from './api/consultations.routes.js';
import { discussionRoutes } from './api/discussions.routes.js';
import { publicAccountRoutes } from './api/public-accounts.routes.js';
import { requestRoutes } from './api/requests.routes.js';
import { reuseRoutes } from './api/reuses.routes.js';
import { webhookRoutes } from './api/webhooks.routes.js';
import {
  type ConsultationsService,
  createConsultationsService,
} from './consultations/consultations.service.js';
import {
  createDiscussionsService,
  DISCUSSION_ANSWERED_QUEUE,
  type DiscussionsService,
} from './discussions/discussions.service.js';
import { communityMigrations } from './migrations.js';
import { createMessagesService, type MessagesService } from './moderation/messages.service.js';
import { createModerationService, type ModerationService } from './moderation/moderation.service.js';
import { ANSWERED_QUEUE, createRequestsService, type RequestsService } from './requests/requests.service.js';
import { type CallsService, createCallsService } from './reuses/calls.service.js';
import { createReusesService, type ReusesService } from './reuses/reuses.service.js';
import { createWebhooksService, DELIVER_QUEUE, type WebhooksService } from './webhooks/webhooks.service.js';

const DATASET_WRITTEN_QUEUE = 'community.dataset-written';
const RELEASES_QUEUE = 'community.releases-published';
const REGISTRY_QUEUE = 'community.registry-changed';
/** How often the daily and weekly digests are looked for (each person's pace is kept in the database). */
const DIGEST_CHECK_MS = 10 * 60_000;

export interface CommunityServices {
  /** Accounts for the public: sign-up confirmed by mail, password reset by mail, erasure. */
  accounts: PublicAccounts;
  /** Data requests: asked, supported, answered. */
  requests: RequestsService;
  /** Signed deliveries of events to people's URLs. */
  webhooks: WebhooksService;
  /** What people follow, their alert settings, private feed and unsubscribe links. */
  follows: FollowsService;
  /** What changed, told to followers and webhooks. */
  events: EventsService;
  /** Reuses: what people made with the data. */
  reuses: ReusesService;
  /** Calls for projects, hackathons, webinars. */
  calls: CallsService;
  /** Discussions on datasets. */
  discussions: DiscussionsService;
  /** Public consultations on proposals. */
  consultations: ConsultationsService;
  /** Who may write, bans, the activity log. */
  moderation: ModerationService;
  /** Reports and moderation of any message; the moderators' queue. */
  messages: MessagesService;
  /** Mails the digests of a pace that are due (a job; called at once by tests and the bench). */
  digest: (frequency: Frequency) => Promise<number>;
}

/** Requests one account may ask per hour. */
const REQUESTS_PER_HOUR = 10;
/** Reuses one account may submit per hour. */
const REUSES_PER_HOUR = 10;
/** Messages (threads, replies, comments, reports) per account, and per client address, in 10 minutes. */
const MESSAGES_PER_ACCOUNT = 20;
const MESSAGES_PER_CLIENT = 60;

/**
 * Community (plan measures 3 and 5): the public's accounts and, on them, what people bring to
 * the portal and what it tells them: data requests, follows with digests and a private feed,
 * webhooks. Mail goes through the mail module (decision 0031); the other modules' changes arrive
 * as their durable events (decision 0032).
 */
export function createCommunityModule(
  platform: Platform,
  config: Config,
  deps: {
    accounts: AccountsService;
    catalog: CatalogService;
    mail: MailService;
    procurement: ProcurementService;
    registry: RegistryService;
  },
): Module<CommunityServices> {
  const alertsRepo = createAlertsRepo(platform.db);
  const requests = createRequestsService({
    db: platform.db,
    jobs: platform.jobs,
    accounts: deps.accounts,
    catalog: deps.catalog,
    mail: deps.mail,
    limiter: platform.rateLimiter({ name: 'data-requests', limit: REQUESTS_PER_HOUR, windowMs: 3_600_000 }),
    baseUrl: config.baseUrl,
    siteTitle: config.siteTitle,
    answered: (answer) => events.requestAnswered(answer),
  });
  const webhooks = createWebhooksService({
    db: platform.db,
    jobs: platform.jobs,
    accounts: deps.accounts,
    catalog: deps.catalog,
    mail: deps.mail,
    log: platform.log,
    baseUrl: config.baseUrl,
    siteTitle: config.siteTitle,
    attempts: config.webhookAttempts,
    allowLoopback: config.fetchAllowLoopback,
  });
  const events = createEventsService({
    repo: alertsRepo,
    jobs: platform.jobs,
    catalog: deps.catalog,
    procurement: deps.procurement,
    registry: deps.registry,
    baseUrl: config.baseUrl,
    dispatch: (type, data, scope) => webhooks.dispatch(type, data, scope),
  });
  const follows = createFollowsService({
    repo: alertsRepo,
    catalog: deps.catalog,
    procurement: deps.procurement,
    registry: deps.registry,
    baseUrl: config.baseUrl,
  });
  const digest = createDigests({
    repo: alertsRepo,
    accounts: deps.accounts,
    mail: deps.mail,
    baseUrl: config.baseUrl,
    siteTitle: config.siteTitle,
  });
  const reuses = createReusesService({
    db: platform.db,
    blobs: platform.blobs,
    accounts: deps.accounts,
    catalog: deps.catalog,
    limiter: platform.rateLimiter({ name: 'reuses', limit: REUSES_PER_HOUR, windowMs: 3_600_000 }),
  });
  const calls = createCallsService({ db: platform.db, catalog: deps.catalog });
  const moderation = createModerationService({
    db: platform.db,
    accounts: deps.accounts,
    perAccount: platform.rateLimiter({
      name: 'messages-account',
      limit: MESSAGES_PER_ACCOUNT,
      windowMs: 600_000,
    }),
    perClient: platform.rateLimiter({
      name: 'messages-client',
      limit: MESSAGES_PER_CLIENT,
      windowMs: 600_000,
    }),
  });
  const discussions = createDiscussionsService({
    db: platform.db,
    jobs: platform.jobs,
    accounts: deps.accounts,
    catalog: deps.catalog,
    moderation,
    baseUrl: config.baseUrl,
    answered: (answer) => events.discussionAnswered(answer),
  });
  const consultations = createConsultationsService({ db: platform.db, accounts: deps.accounts, moderation });
  const messages = createMessagesService({ moderation, discussions, consultations });
  let digestTimer: NodeJS.Timeout | null = null;
  const accounts = createPublicAccounts({
    accounts: deps.accounts,
    mail: deps.mail,
    baseUrl: config.baseUrl,
    siteTitle: config.siteTitle,
    limiter: platform.rateLimiter({ name: 'sign-up', limit: config.signUpRateLimit, windowMs: 3_600_000 }),
    // What the community module keeps of a person goes with their account.
    forget: async (userId) => {
      await requests.forgetSupporter(userId);
      await webhooks.forgetOwner(userId);
      await follows.forget(userId);
      await reuses.forgetAuthor(userId);
      await moderation.forget(userId);
    },
  });
  const api = restApi(async (app: FastifyInstance) => {
    await app.register(publicAccountRoutes({ accounts }));
    await app.register(requestRoutes({ requests, catalog: deps.catalog, baseUrl: config.baseUrl }));
    await app.register(webhookRoutes({ webhooks }));
    await app.register(alertRoutes({ follows }));
    await app.register(reuseRoutes({ reuses, calls }));
    await app.register(discussionRoutes({ discussions, messages }));
    await app.register(consultationRoutes({ consultations, messages, moderation }));
  });
  return {
    name: 'community',
    services: {
      accounts,
      requests,
      webhooks,
      follows,
      events,
      reuses,
      calls,
      discussions,
      consultations,
      moderation,
      messages,
      digest: (frequency) => digest(frequency),
    },
    migrations: communityMigrations,
    routes: api,
    jobs: {
      [ANSWERED_QUEUE]: {
        handler: (data: { requestId: string; eventId: string }) =>
          requests.tellFollowers(data.requestId, data.eventId),
      },
      [DATASET_WRITTEN_QUEUE]: {
        handler: (data: { datasetId: string }) => events.datasetWritten(data.datasetId),
        events: [DATASET_WRITTEN],
      },
      [RELEASES_QUEUE]: {
        handler: async () => {
          await events.tendersPublished();
        },
        events: [RELEASES_PUBLISHED],
      },
      [REGISTRY_QUEUE]: {
        handler: (data: { edition?: string }) => events.registryChanged(data.edition ?? null),
        events: [REGISTRY_CHANGED],
      },
      [DISCUSSION_ANSWERED_QUEUE]: {
        handler: (data: { postId: string }) => discussions.tellAnswered(data.postId),
      },
      [DIGEST_QUEUE]: {
        handler: async (data: { frequency: Frequency }) => {
          await digest(data.frequency);
        },
      },
      [DELIVER_QUEUE]: {
        handler: (data: { deliveryId: string; messageId: string }) =>
          webhooks.deliver(data.deliveryId, data.messageId),
        concurrency: 4,
      },
    },
    async start() {
      await events.start();
      // Daily and weekly digests: looked for every few minutes by every working process (the
      // job's key keeps one waiting; who is due is decided in the database).
      const check = () => {
        for (const frequency of ['daily', 'weekly'] as const)
          events
            .queueDigests(frequency)
            .catch((error: unknown) => platform.log.error({ err: error }, 'digests not queued'));
      };
      digestTimer = setInterval(check, DIGEST_CHECK_MS);
      digestTimer.unref();
    },
    async close() {
      if (digestTimer) clearInterval(digestTimer);
    },
  };
}
