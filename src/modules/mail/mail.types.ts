/** A message to one person, in plain text (every client shows it; nothing to sanitise). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** What it is about: 'account.verify', 'account.reset'… */
  kind: string;
}

export type MailState = 'queued' | 'sent' | 'kept' | 'failed';

/** A message as the outbox shows it to the administrator. */
export interface MailMessage extends OutgoingMail {
  id: string;
  state: MailState;
  attempts: number;
  lastError: string | null;
  created: Date;
  sentAt: Date | null;
}
