/**
 * Accounts: people, their roles in organisations, and their API tokens.
 * Other modules receive an `Actor` per request and ask this module nothing else.
 */

export { createAccountsModule, restApi } from './accounts.module.js';
export type { MemberRow, TokenRow, UserRow } from './accounts.repo.js';
export { type AccountsService, canSeeMembers, createAccountsService } from './accounts.service.js';
export { refuseRejectedToken, registerActorHook, SESSION_COOKIE } from './actor.hook.js';
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
export { SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS } from './sessions/sessions.service.js';
