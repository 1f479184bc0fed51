import type { Queryable } from '../../platform/db/index.js';
import type { MailMessage, MailState, OutgoingMail } from './mail.types.js';

interface MessageRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  kind: string;
  state: MailState;
  attempts: number;
  last_error: string | null;
  created: Date;
  sent_at: Date | null;
  unsubscribe_url: string | null;
}

const toMessage = (row: MessageRow): MailMessage => ({
  id: row.id,
  to: row.to_address,
  subject: row.subject,
  text: row.text_body,
  kind: row.kind,
  unsubscribeUrl: row.unsubscribe_url,
  state: row.state,
  attempts: row.attempts,
  lastError: row.last_error,
  created: new Date(row.created),
  sentAt: row.sent_at ? new Date(row.sent_at) : null,
});

/** `mail.messages`: the outbox. */
export function createMailRepo(db: Queryable) {
  return {
    async insert(id: string, message: OutgoingMail, state: MailState): Promise<void> {
      await db.query(
        `INSERT INTO mail.messages (id, to_address, subject, text_body, kind, state, unsubscribe_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, message.to, message.subject, message.text, message.kind, state, message.unsubscribeUrl ?? null],
      );
    },

    /** Many messages in one statement (digests). */
    async insertMany(messages: readonly (OutgoingMail & { id: string })[], state: MailState): Promise<void> {
      if (messages.length === 0) return;
      await db.query(
        `INSERT INTO mail.messages (id, to_address, subject, text_body, kind, state, unsubscribe_url)
         SELECT id, to_address, subject, text_body, kind, $6, unsubscribe_url
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $7::text[])
             AS m(id, to_address, subject, text_body, kind, unsubscribe_url)`,
        [
          messages.map((m) => m.id),
          messages.map((m) => m.to),
          messages.map((m) => m.subject),
          messages.map((m) => m.text),
          messages.map((m) => m.kind),
          state,
          messages.map((m) => m.unsubscribeUrl ?? null),
        ],
      );
    },

    async get(id: string): Promise<MailMessage | null> {
      const [row] = await db.query<MessageRow>('SELECT * FROM mail.messages WHERE id = $1', [id]);
      return row ? toMessage(row) : null;
    },

    /** Counts an attempt; `sent` or the error of a failed one. */
    async attempted(id: string, outcome: { sent: true } | { sent: false; error: string; final: boolean }) {
      if (outcome.sent) {
        await db.query(
          `UPDATE mail.messages SET state = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL WHERE id = $1`,
          [id],
        );
      } else {
        await db.query(
          `UPDATE mail.messages SET attempts = attempts + 1, last_error = $2, state = CASE WHEN $3 THEN 'failed' ELSE state END WHERE id = $1`,
          [id, outcome.error.slice(0, 500), outcome.final],
        );
      }
    },

    /** The newest messages first, optionally to one address. */
    async list(options: { to: string | null; limit: number; offset: number }): Promise<MailMessage[]> {
      const rows = await db.query<MessageRow>(
        `SELECT * FROM mail.messages WHERE ($1::text IS NULL OR lower(to_address) = lower($1))
         ORDER BY created DESC, id LIMIT $2 OFFSET $3`,
        [options.to, options.limit, options.offset],
      );
      return rows.map(toMessage);
    },

    /** Erases every message to the address (its owner's account is deleted). */
    async forget(address: string): Promise<number> {
      const rows = await db.query<{ id: string }>(
        'DELETE FROM mail.messages WHERE lower(to_address) = lower($1) RETURNING id',
        [address],
      );
      return rows.length;
    },
  };
}

export type MailRepo = ReturnType<typeof createMailRepo>;
