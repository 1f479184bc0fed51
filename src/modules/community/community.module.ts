import type { Config } from '../../config.js';
import { createRateLimiter } from '../../platform/http/rate-limit.js';
import type { Module, Platform } from '../../platform/module.js';
import { type AccountsService, restApi } from '../accounts/index.js';
import type { MailService } from '../mail/index.js';
import { createPublicAccounts, type PublicAccounts } from './accounts/public-accounts.service.js';
import { publicAccountRoutes } from './api/public-accounts.routes.js';
import { communityMigrations } from './migrations.js';

export interface CommunityServices {
  /** Accounts for the public: sign-up confirmed by mail, password reset by mail, erasure. */
  accounts: PublicAccounts;
}

/**
 * Community (plan measures 3 and 5): the public's accounts and, on them, what people bring to
 * the portal. Mail goes through the mail module (decision 0031).
 */
export function createCommunityModule(
  _platform: Platform,
  config: Config,
  deps: { accounts: AccountsService; mail: MailService },
): Module<CommunityServices> {
  const accounts = createPublicAccounts({
    accounts: deps.accounts,
    mail: deps.mail,
    baseUrl: config.baseUrl,
    siteTitle: config.siteTitle,
    limiter: createRateLimiter({ limit: config.signUpRateLimit, windowMs: 3_600_000 }),
  });
  return {
    name: 'community',
    services: { accounts },
    migrations: communityMigrations,
    routes: restApi(publicAccountRoutes({ accounts })),
  };
}
