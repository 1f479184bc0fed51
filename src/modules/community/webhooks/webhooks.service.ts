import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import {
  ForbiddenError,
  IssueCollector,
  NotFoundError,
  UnauthorizedError,
} from '../../../platform/http/errors.js';
import { leadsInside, safeFetch } from '../../../platform/http/safe-fetch.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Jobs } from '../../../platform/jobs/index.js';
import type { Logger } from '../../../platform/log.js';
import { type AccountsService, type Actor, ANONYMOUS } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import type { MailService } from '../../mail/index.js';
import { WEBHOOK_EVENTS, type WebhookEventType } from '../alerts/alerts.types.js';
import { newSecret, signedHeaders } from './signature.js';
import { createWebhooksRepo, type DeliveryRow, type WebhookRow } from './webhooks.repo.js';

export const DELIVER_QUEUE = 'community.webhook-deliver';

/** Deliveries that failed for good, in a row, before a webhook is turned off (its owner told). */
export const DISABLE_AFTER = 5;
const TIMEOUT_MS = 10_000;
const EXCERPT = 500;
const PER_OWNER = 20;

export interface WebhooksDeps {
  db: Db;
  jobs: Jobs;
  accounts: AccountsService;
  catalog: CatalogService;
  mail: MailService;
  log: Logger;
  baseUrl: string;
  siteTitle: string;
  /** Attempts of one delivery (5 s, 10 s, 20 s… apart). */
  attempts: number;
  /** Delivery URLs on 127.0.0.1 (tests only). */
  allowLoopback: boolean;
}

/**
 * Webhooks: a person registers a URL for events (a public dataset changed); each event is a
 * delivery signed with the Standard Webhooks scheme, retried with backoff as a durable job and
 * logged (status, latency, response excerpt) for its owner; after repeated failures the webhook
 * is turned off and its owner told. URLs that lead inside (loopback, private, link-local,
 * metadata addresses) are refused when registered and at every delivery, redirects included.
 */
export function createWebhooksService(deps: WebhooksDeps) {
  const repo = createWebhooksRepo(deps.db);

  /** The organisations whose webhooks the actor manages: those they administer. */
  const administered = (actor: Actor): string[] =>
    [...actor.memberships].filter(([, role]) => role === 'admin').map(([organizationId]) => organizationId);

  const owned = async (actor: Actor, id: string): Promise<WebhookRow> => {
    if (!actor.user) throw new UnauthorizedError(localized('Connectez-vous d’abord.', 'Sign in first.'));
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await repo.get(id) : null;
    const mine = row
      ? row.owner_organization_id
        ? administered(actor).includes(row.owner_organization_id)
        : row.owner_id === actor.user.id
      : false;
    // Someone else's webhook answers "not found" too.
    if (!row || !mine)
      throw new NotFoundError('webhook', id, localized('Webhook introuvable', 'Webhook not found'));
    return row;
  };

  async function queue(webhook: WebhookRow, type: string, data: unknown): Promise<string> {
    const id = `msg_${randomUUID().replaceAll('-', '')}`;
    const payload = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
    const deliveryId = randomUUID();
    await repo.insertDelivery({ id: deliveryId, webhookId: webhook.id, eventType: type, payload });
    // The same message id on every attempt: the receiver can tell a retry from a new event.
    await deps.jobs.send(
      DELIVER_QUEUE,
      { deliveryId, messageId: id },
      { retryLimit: deps.attempts - 1, backoff: true },
    );
    return deliveryId;
  }

  return {
    async create(
      actor: Actor,
      input: {
        url: string;
        events: string[];
        organization: string | null;
        dataset: string | null;
        /** An organisation that owns it (its administrators manage it), by name. */
        ownerOrganization?: string | null;
      },
    ): Promise<WebhookRow> {
      if (!actor.user) throw new UnauthorizedError(localized('Connectez-vous d’abord.', 'Sign in first.'));
      if (!(await deps.accounts.selfService.verified(actor.user.id)))
        throw new ForbiddenError(
          localized('Confirmez d’abord votre adresse courriel.', 'Confirm your email address first.'),
        );
      const issues = new IssueCollector();
      let url: URL | null = null;
      try {
        url = new URL(input.url);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') url = null;
      } catch {
        url = null;
      }
      if (!url)
        issues.add('url', 'url', localized('Une adresse http(s) complète.', 'A complete http(s) address.'));
      else if (await leadsInside(url.toString(), { allowLoopback: deps.allowLoopback }))
        issues.add(
          'url',
          'internal',
          localized(
            'Cette adresse mène à un réseau interne : le portail n’y envoie rien.',
            'This address leads to an internal network: the portal sends nothing there.',
          ),
        );
      const events = [...new Set(input.events)];
      if (
        events.length === 0 ||
        events.some((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event))
      )
        issues.add(
          'events',
          'invalid',
          localized(
            `Évènements possibles : ${WEBHOOK_EVENTS.join(', ')}.`,
            `Possible events: ${WEBHOOK_EVENTS.join(', ')}.`,
          ),
        );
      let organizationId: string | null = null;
      let datasetId: string | null = null;
      if (input.organization) {
        const found = await deps.catalog.groups.find('organization', input.organization);
        if (!found)
          issues.add('organization', 'unknown', localized('Organisation inconnue.', 'Unknown organization.'));
        organizationId = found?.id ?? null;
      }
      if (input.dataset) {
        try {
          datasetId = (await deps.catalog.datasets.get(ANONYMOUS, input.dataset)).id;
        } catch (error) {
          if (!(error instanceof NotFoundError || error instanceof ForbiddenError)) throw error;
          issues.add(
            'dataset',
            'unknown',
            localized('Aucun jeu de données public de ce nom.', 'No public dataset has that name.'),
          );
        }
      }
      let ownerOrganizationId: string | null = null;
      if (input.ownerOrganization) {
        const owner = await deps.catalog.groups.find('organization', input.ownerOrganization);
        if (!owner || !administered(actor).includes(owner.id))
          issues.add(
            'owner_organization',
            'forbidden',
            localized(
              'Seuls les administrateurs d’une organisation lui créent des webhooks.',
              'Only an organization’s administrators create its webhooks.',
            ),
          );
        ownerOrganizationId = owner?.id ?? null;
      }
      if ((await repo.ofOwner(actor.user.id, administered(actor))).length >= PER_OWNER)
        issues.add(
          'url',
          'too_many',
          localized(
            `Au plus ${PER_OWNER} webhooks par compte.`,
            `At most ${PER_OWNER} webhooks per account.`,
          ),
        );
      issues.throwIfAny();
      return repo.insert({
        id: randomUUID(),
        owner_id: actor.user.id,
        owner_organization_id: ownerOrganizationId,
        url: (url as URL).toString(),
        secret: newSecret(),
        events,
        organization_id: organizationId,
        dataset_id: datasetId,
      });
    },

    list: async (actor: Actor) => (actor.user ? repo.ofOwner(actor.user.id, administered(actor)) : []),
    get: owned,

    async remove(actor: Actor, id: string): Promise<void> {
      await repo.delete((await owned(actor, id)).id);
    },

    async deliveries(actor: Actor, id: string, limit: number): Promise<DeliveryRow[]> {
      return repo.deliveries((await owned(actor, id)).id, limit);
    },

    /** Sends a test event now (the "send a test event" button); its delivery's id. */
    async sendTest(actor: Actor, id: string): Promise<string> {
      const webhook = await owned(actor, id);
      return queue(webhook, 'webhook.test', { webhook: webhook.id, message: 'Quai test event' });
    },

    /** Turns a webhook that was turned off back on. */
    async enable(actor: Actor, id: string): Promise<void> {
      await repo.enable((await owned(actor, id)).id);
    },

    /**
     * An event happened (public data only, the alerts decided): one delivery per webhook listening
     * to its type, within its narrowing to an organisation or a dataset.
     */
    async dispatch(
      type: WebhookEventType,
      data: object,
      scope: { organizationId: string | null; datasetId: string | null },
    ): Promise<void> {
      for (const hook of await repo.listening(type, scope.organizationId, scope.datasetId))
        await queue(hook, type, data);
    },

    /** The job: one attempt of one delivery. Throws to be retried. */
    async deliver(deliveryId: string, messageId: string): Promise<void> {
      const delivery = await repo.getDelivery(deliveryId);
      if (delivery?.state !== 'pending') return;
      const webhook = await repo.get(delivery.webhook_id);
      if (!webhook?.active) return;
      const started = performance.now();
      let statusCode: number | null = null;
      let excerpt: string | null = null;
      let error: string | null = null;
      try {
        const response = await safeFetch(webhook.url, {
          method: 'POST',
          body: delivery.payload,
          allowLoopback: deps.allowLoopback,
          signal: AbortSignal.timeout(TIMEOUT_MS),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Quai-Webhooks/1.0',
            ...signedHeaders(webhook.secret, messageId, delivery.payload),
          },
        });
        statusCode = response.status;
        excerpt = (await response.text()).slice(0, EXCERPT);
      } catch (caught) {
        error = String((caught as Error).message ?? caught).slice(0, EXCERPT);
      }
      const latencyMs = Math.round(performance.now() - started);
      const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
      const final = ok || delivery.attempts + 1 >= deps.attempts;
      await repo.attempted(delivery.id, {
        state: ok ? 'succeeded' : final ? 'failed' : 'pending',
        statusCode,
        latencyMs,
        excerpt,
        error,
      });
      if (ok) {
        await repo.succeeded(webhook.id);
        return;
      }
      if (!final) throw new Error(`webhook delivery failed: ${error ?? `HTTP ${statusCode}`}`);
      const reason = `${DISABLE_AFTER} deliveries failed in a row (last: ${error ?? `HTTP ${statusCode}`})`;
      if (await repo.failed(webhook.id, DISABLE_AFTER, reason)) {
        deps.log.warn({ webhook: webhook.id }, 'webhook turned off after repeated failures');
        const [owner] = await deps.accounts.contactsByIds([webhook.owner_id]);
        if (owner)
          await deps.mail.send({
            to: owner.email,
            kind: 'webhook.disabled',
            subject: `Webhook désactivé / Webhook turned off — ${deps.siteTitle}`,
            text: `Bonjour ${owner.name},\n\nVotre webhook ${webhook.url} est désactivé : ${DISABLE_AFTER} envois de suite ont échoué. Réactivez-le depuis l'API (POST /api/v1/webhooks/${webhook.id}/enable) une fois le récepteur réparé.\n\n—\n\nHello ${owner.name},\n\nYour webhook ${webhook.url} is turned off: ${DISABLE_AFTER} deliveries in a row failed. Turn it back on through the API (POST /api/v1/webhooks/${webhook.id}/enable) once the receiver is mended.\n`,
          });
      }
    },

    forgetOwner: (ownerId: string) => repo.forgetOwner(ownerId),
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
