/**
 * Accounts: people, their roles in organisations, their API tokens and web sessions.
 * Other modules receive an `Actor` per request (resolved by this module's routes plugin).
 */
export { createAccountsModule, restApi } from './accounts.module.js';
export { type AccountsService, canSeeMembers } from './accounts.service.js';
export type { ApiToken, Member, User } from './accounts.types.js';
export { refuseRejectedToken, SESSION_COOKIE } from './actor.hook.js';
export {
  type Actor,
  ANONYMOUS,
  isRole,
  isSysadmin,
  organizationsWithRole,
  ROLES,
  type Role,
  roleAtLeast,
  SYSTEM,
} from './actor.js';
export { accountsMigrations } from './migrations.js';
export { SESSION_MAX_SECONDS } from './sessions/sessions.service.js';
