/**
 * Mail: what the portal sends people (links to confirm an address or choose a password, digests),
 * written to an outbox and delivered by SMTP when one is configured.
 */
export { createMailModule } from './mail.module.js';
export type { MailService } from './mail.service.js';
export type { MailMessage, OutgoingMail } from './mail.types.js';
export { mailMigrations } from './migrations.js';
