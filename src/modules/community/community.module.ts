import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { createRateLimiter } from '../../platform/http/rate-limit.js';
import type { Module, Platform } from '../../platform/module.js';
import { type AccountsService, restApi } from '../accounts/index.js';
import { type CatalogService, DATASET_WRITTEN } from '../catalog/index.js';
import type { MailService } from '../mail/index.js';
import { createPublicAccounts, type PublicAccounts } from './accounts/public-accounts.service.js';
import { publicAccountRoutes } from './api/public-accounts.routes.js';
import { requestRoutes } from './api/requests.routes.js';
import { webhookRoutes } from './api/webhooks.routes.js';
import { communityMigrations } from './migrations.js';
import { ANSWERED_QUEUE, createRequestsService, type RequestsService } from './requests/requests.service.js';
import {
  createWebhooksService,
  DATASET_WRITTEN_QUEUE,
  DELIVER_QUEUE,
  type WebhooksService,
} from './webhooks/webhooks.service.js';

export interface CommunityServices {
  /** Accounts for the public: sign-up confirmed by mail, password reset by mail, erasure. */
  accounts: PublicAccounts;
  /** Data requests: asked, supported, answered. */
  requests: RequestsService;
  /** Signed deliveries of events to people's URLs. */
  webhooks: WebhooksService;
}

/** Requests one account may ask per hour. */
const REQUESTS_PER_HOUR = 10;

/**
 * Community (plan measures 3 and 5): the public's accounts and, on them, what people bring to
 * the portal: data requests so far. Mail goes through the mail module (decision 0031).
 */
export function createCommunityModule(
  platform: Platform,
  config: Config,
  deps: { accounts: AccountsService; catalog: CatalogService; mail: MailService },
): Module<CommunityServices> {
  const requests = createRequestsService({
    db: platform.db,
    jobs: platform.jobs,
    accounts: deps.accounts,
    catalog: deps.catalog,
    mail: deps.mail,
    limiter: createRateLimiter({ limit: REQUESTS_PER_HOUR, windowMs: 3_600_000 }),
    baseUrl: config.baseUrl,
    siteTitle: config.siteTitle,
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
  const accounts = createPublicAccounts({
    accounts: deps.accounts,
    mail: deps.mail,
    baseUrl: config.baseUrl,
    siteTitle: config.siteTitle,
    limiter: createRateLimiter({ limit: config.signUpRateLimit, windowMs: 3_600_000 }),
    // What the community module keeps of a person goes with their account.
    forget: async (userId) => {
      await requests.forgetSupporter(userId);
      await webhooks.forgetOwner(userId);
    },
  });
  const api = restApi(async (app: FastifyInstance) => {
    await app.register(publicAccountRoutes({ accounts }));
    await app.register(requestRoutes({ requests, catalog: deps.catalog, baseUrl: config.baseUrl }));
    await app.register(webhookRoutes({ webhooks }));
  });
  return {
    name: 'community',
    services: { accounts, requests, webhooks },
    migrations: communityMigrations,
    routes: api,
    jobs: {
      [ANSWERED_QUEUE]: {
        handler: (data: { requestId: string; eventId: string }) =>
          requests.tellFollowers(data.requestId, data.eventId),
      },
      [DATASET_WRITTEN_QUEUE]: {
        handler: (data: { datasetId: string }) => webhooks.datasetWritten(data.datasetId),
        events: [DATASET_WRITTEN],
      },
      [DELIVER_QUEUE]: {
        handler: (data: { deliveryId: string; messageId: string }) =>
          webhooks.deliver(data.deliveryId, data.messageId),
        concurrency: 4,
      },
    },
  };
}
