import { randomUUID } from 'node:crypto';
import type { Jobs } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/log.js';
import type { MailRepo } from './mail.repo.js';
import type { MailMessage, OutgoingMail } from './mail.types.js';
import type { MailTransport } from './smtp.js';

export const DELIVER_QUEUE = 'mail.deliver';
/** Attempts of one delivery before the message is marked failed (5 s, 10 s, 20 s… apart). */
export const DELIVERY_ATTEMPTS = 6;

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const SUBJECT_MAX = 200;
const TEXT_MAX = 100_000;

/** A message as the outbox keeps it: a real address, a subject on one line, bounded text. */
function clean(message: OutgoingMail): OutgoingMail {
  if (!ADDRESS.test(message.to)) throw new Error(`not an email address: ${message.to.slice(0, 80)}`);
  return {
    ...message,
    // A line break in a subject would start a new header.
    subject: message.subject.replace(/[\r\n]+/g, ' ').slice(0, SUBJECT_MAX),
    text: message.text.slice(0, TEXT_MAX),
  };
}

/**
 * The portal's mail: every message is written to the outbox first (in the caller's transaction
 * when it gives one), then delivered by a durable job when an SMTP server is configured, retried
 * with backoff; without one, it stays in the outbox for the administrator to read.
 */
export function createMailService(deps: {
  repo: MailRepo;
  jobs: Jobs;
  transport: MailTransport | null;
  log: Logger;
}) {
  const { repo } = deps;
  return {
    /** Whether messages leave the portal (an SMTP server is configured) or stay in the outbox. */
    delivers: deps.transport !== null,

    /** Queues a message (or keeps it); returns its id. */
    async send(message: OutgoingMail): Promise<string> {
      const id = randomUUID();
      await repo.insert(id, clean(message), deps.transport ? 'queued' : 'kept');
      if (deps.transport) {
        await deps.jobs.send(DELIVER_QUEUE, { id }, { retryLimit: DELIVERY_ATTEMPTS - 1, backoff: true });
      } else {
        deps.log.info({ mail: id, kind: message.kind }, 'mail kept in the outbox (no SMTP_URL)');
      }
      return id;
    },

    /**
     * Queues many messages in two statements (the outbox rows, then their delivery jobs): a digest
     * for each of 10,000 people costs no more round trips than one.
     */
    async sendMany(messages: readonly OutgoingMail[]): Promise<string[]> {
      const rows = messages.map((message) => ({ ...clean(message), id: randomUUID() }));
      await repo.insertMany(rows, deps.transport ? 'queued' : 'kept');
      if (deps.transport)
        await deps.jobs.sendMany(
          DELIVER_QUEUE,
          rows.map(({ id }) => ({ id })),
          { retryLimit: DELIVERY_ATTEMPTS - 1, backoff: true },
        );
      else if (rows.length > 0)
        deps.log.info({ count: rows.length }, 'mail kept in the outbox (no SMTP_URL)');
      return rows.map(({ id }) => id);
    },

    /** The job: one delivery attempt. Throws to be retried. */
    async deliver(id: string): Promise<void> {
      const message = await repo.get(id);
      if (message?.state !== 'queued' || !deps.transport) return;
      try {
        await deps.transport.send(message);
        await repo.attempted(id, { sent: true });
        deps.log.info({ mail: id, kind: message.kind }, 'mail sent');
      } catch (error) {
        const final = message.attempts + 1 >= DELIVERY_ATTEMPTS;
        await repo.attempted(id, { sent: false, error: String((error as Error).message ?? error), final });
        deps.log.warn({ mail: id, kind: message.kind, err: error, final }, 'mail delivery failed');
        if (!final) throw error;
      }
    },

    /** The outbox, newest first (administrators only: the routes check). */
    outbox: (options: { to: string | null; limit: number; offset: number }): Promise<MailMessage[]> =>
      repo.list(options),

    /** Erases every message to an address (its account is deleted). */
    forget: (address: string) => repo.forget(address),

    close(): void {
      deps.transport?.close();
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
