import type { AccountsService } from '../../accounts/index.js';
import type { MailService } from '../../mail/index.js';
import type { AlertsRepo, SettingsRow } from './alerts.repo.js';
import type { AlertEvent, Frequency } from './alerts.types.js';

/** People whose digests are composed and queued per step. */
const BATCH = 2000;
/** Events listed in one digest (the rest: "and N more", in the feed). */
const LISTED = 20;

export interface DigestsDeps {
  repo: AlertsRepo;
  accounts: AccountsService;
  mail: MailService;
  baseUrl: string;
  siteTitle: string;
}

/**
 * Digests: for everyone of a pace whose digest is due, what they were not yet told, as one mail
 * each, queued by batches (one statement for the messages and one for their delivery jobs), with
 * the one-click unsubscribe of RFC 8058. The number of digests queued.
 */
export function createDigests(deps: DigestsDeps) {
  const { repo } = deps;

  const compose = (
    contact: { name: string; email: string },
    settings: SettingsRow,
    events: AlertEvent[],
    total: number,
  ) => {
    const more = total - events.length;
    const list = (lang: 'fr' | 'en') =>
      events.map((event) => `- ${event.title[lang]}\n  ${event.url}`).join('\n') +
      (more > 0 ? (lang === 'fr' ? `\n… et ${more} de plus` : `\n… and ${more} more`) : '');
    const unsubscribe = `${deps.baseUrl}/fr/alertes/desabonnement/${settings.unsubscribe_token}`;
    const manage = `${deps.baseUrl}/fr/espace/suivis`;
    return {
      to: contact.email,
      kind: 'alerts.digest',
      subject:
        total === 1
          ? `${events[0]?.title.fr ?? ''} — ${deps.siteTitle}`
          : `${total} nouveautés / ${total} updates — ${deps.siteTitle}`,
      text: `Bonjour ${contact.name},\n\nDu nouveau dans ce que vous suivez :\n\n${list('fr')}\n\nGérer vos suivis : ${manage}\nNe plus recevoir ces courriels (un clic) : ${unsubscribe}\n\n—\n\nHello ${contact.name},\n\nWhat changed in what you follow:\n\n${list('en')}\n\nManage what you follow: ${manage.replace('/fr/espace/suivis', '/en/workspace/follows')}\nStop these emails (one click): ${unsubscribe.replace('/fr/alertes/desabonnement/', '/en/alerts/unsubscribe/')}\n`,
      unsubscribeUrl: `${deps.baseUrl}/api/v1/alerts/unsubscribe/${settings.unsubscribe_token}`,
    };
  };

  return async function digest(frequency: Frequency): Promise<number> {
    if (frequency === 'never') return 0;
    let queued = 0;
    let after: string | null = null;
    // Events recorded after this point wait for the next digest (they may still be fanning out).
    const upTo = await repo.lastEventId();
    for (;;) {
      const due: SettingsRow[] = await repo.due(frequency, after, BATCH);
      if (due.length === 0) break;
      after = (due[due.length - 1] as SettingsRow).user_id;
      const ids = due.map((row) => row.user_id);
      const [pending, contacts] = await Promise.all([
        repo.pending(ids, LISTED),
        deps.accounts.contactsByIds(ids),
      ]);
      const contactOf = new Map(contacts.map((contact) => [contact.id, contact]));
      const settingsOf = new Map(due.map((row) => [row.user_id, row]));
      const messages = [];
      for (const entry of pending) {
        const contact = contactOf.get(entry.userId);
        const events = entry.events.filter((event) => event.id <= upTo);
        // Without a confirmed address, the feed alone tells them.
        if (!contact || events.length === 0) continue;
        const total = entry.total - (entry.events.length - events.length);
        messages.push(compose(contact, settingsOf.get(entry.userId) as SettingsRow, events, total));
      }
      await deps.mail.sendMany(messages);
      await repo.mailed(ids, upTo);
      queued += messages.length;
      if (due.length < BATCH) break;
    }
    return queued;
  };
}
