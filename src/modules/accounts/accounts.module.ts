import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import type { Module, Platform } from '../../platform/module.js';
import { accountRoutes } from './accounts.routes.js';
import { type AccountsService, createAccountsService } from './accounts.service.js';
import { refuseRejectedToken, registerActorHook } from './actor.hook.js';
import { backupRoutes } from './backup.routes.js';
import { accountsMigrations } from './migrations.js';

/**
 * Accounts: users, memberships, tokens and sessions. Its routes plugin also resolves the caller
 * of every request (`request.actor`), so it is registered before any other module's routes.
 */
export function createAccountsModule(platform: Platform): Module<AccountsService> {
  const accounts = createAccountsService({ db: platform.db });
  return {
    name: 'accounts',
    services: accounts,
    migrations: accountsMigrations,
    // At the root (fastify-plugin): the caller is resolved for every route of every module.
    routes: fp(async (app: FastifyInstance) => {
      registerActorHook(app, accounts);
      await app.register(restApi(accountRoutes({ accounts })));
      await app.register(restApi(backupRoutes(platform)));
    }),
  };
}

/**
 * A module's REST routes under /api/v1, where a token that is unknown, revoked or expired is
 * refused (401) rather than read as anonymous.
 */
export function restApi(routes: FastifyPluginAsync): FastifyPluginAsync {
  return async (app) => {
    await app.register(
      async (api) => {
        api.addHook('preHandler', refuseRejectedToken);
        await api.register(routes);
      },
      { prefix: '/api/v1' },
    );
  };
}
