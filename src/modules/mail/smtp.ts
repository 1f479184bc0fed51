import nodemailer from 'nodemailer';
import type { OutgoingMail } from './mail.types.js';

/** Where messages leave the portal. */
export interface MailTransport {
  send(message: OutgoingMail & { id: string }): Promise<void>;
  close(): void;
}

/**
 * An SMTP server by URL (`smtp://user:password@host:587`, `smtps://…:465`), through nodemailer:
 * STARTTLS when the server offers it, one pooled connection at a time, bounded waits.
 */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 2,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // The same id on every attempt: a receiving server that got it twice can tell.
        messageId: `<${message.id}@quai>`,
        headers: {
          'X-Quai-Kind': message.kind,
          // RFC 8058: one POST to the address stops these messages, without a page to go through.
          ...(message.unsubscribeUrl
            ? {
                'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {}),
        },
      });
    },
    close: () => transporter.close(),
  };
}
