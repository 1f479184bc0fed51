import type { MigrationSource } from '../../platform/db/index.js';

/** The accounts schema: users, memberships, API tokens, web sessions, sign-in failures. */
export const accountsMigrations: MigrationSource = {
  module: 'accounts',
  directory: new URL('./migrations/', import.meta.url),
};
