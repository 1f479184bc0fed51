import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  headers: ParsedMail['headers'];
}

/**
 * A real SMTP server on loopback that keeps what it receives: `next(to)` resolves with the next
 * message to an address (already received or when it arrives), so tests wait for the event.
 */
export async function startSmtpServer(options: { failFirst?: number } = {}) {
  const received: ReceivedMail[] = [];
  const waiting: { to: string; taken: number; resolve: (mail: ReceivedMail) => void }[] = [];
  const taken = new Map<string, number>();
  let refusals = options.failFirst ?? 0;
  let attempts = 0;
  const deliver = () => {
    for (const waiter of [...waiting]) {
      const mine = received.filter((mail) => mail.to === waiter.to);
      const mail = mine[waiter.taken];
      if (mail) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(mail);
      }
    }
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      attempts++;
      simpleParser(stream)
        .then((parsed) => {
          if (refusals > 0) {
            refusals--;
            const error = new Error('Mailbox busy, try later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
          received.push({
            to: to?.value[0]?.address?.toLowerCase() ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            headers: parsed.headers,
          });
          callback();
          deliver();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts: () => attempts,
    /** The next message to the address not yet taken by an earlier `next`. */
    next(to: string): Promise<ReceivedMail> {
      const address = to.toLowerCase();
      const index = taken.get(address) ?? 0;
      taken.set(address, index + 1);
      return new Promise((resolve) => {
        waiting.push({ to: address, taken: index, resolve });
        deliver();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link of the portal in a message's text. */
export function linkIn(text: string, base: string): string {
  const found = text.match(new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+`));
  if (!found) throw new Error(`no link to ${base} in:\n${text}`);
  return found[0];
}
