/** A message to one person, in plain text (every client shows it; nothing to sanitise). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** What it is about: 'account.verify', 'account.reset'… */
  kind: string;
  /**
   * Where one POST stops messages of this kind (digests): sent as RFC 8058's List-Unsubscribe
   * and List-Unsubscribe-Post headers, so mail clients show their own "unsubscribe" button.
   */
  unsubscribeUrl?: string | null;
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
