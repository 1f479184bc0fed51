import type { Config } from '../../config.js';
import type { Module, Platform } from '../../platform/module.js';
import { restApi } from '../accounts/index.js';
import { createMailRepo } from './mail.repo.js';
import { mailRoutes } from './mail.routes.js';
import { createMailService, DELIVER_QUEUE, type MailService } from './mail.service.js';
import { mailMigrations } from './migrations.js';
import { smtpTransport } from './smtp.js';

/**
 * Mail: the outbox of every message the portal sends, delivered by SMTP (`SMTP_URL`) through
 * durable jobs, or kept for the administrator when no server is configured (decision 0031).
 */
export function createMailModule(platform: Platform, config: Config): Module<MailService> {
  const mail = createMailService({
    repo: createMailRepo(platform.db),
    jobs: platform.jobs,
    transport: config.mail.smtpUrl ? smtpTransport(config.mail.smtpUrl, config.mail.from) : null,
    log: platform.log,
  });
  return {
    name: 'mail',
    services: mail,
    migrations: mailMigrations,
    routes: restApi(mailRoutes({ mail })),
    jobs: {
      [DELIVER_QUEUE]: {
        handler: (data: { id: string }) => mail.deliver(data.id),
        concurrency: 2,
      },
    },
    async close() {
      mail.close();
    },
  };
}
