import type { MigrationSource } from '../../platform/db/index.js';

/** The mail schema: the messages sent or kept (the outbox). */
export const mailMigrations: MigrationSource = {
  module: 'mail',
  directory: new URL('./migrations/', import.meta.url),
};
