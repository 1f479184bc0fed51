import { randomBytes, randomUUID } from 'node:crypto';
import { IssueCollector, NotFoundError, UnauthorizedError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { type Actor, ANONYMOUS } from '../../accounts/index.js';
import { type CatalogService, QUERY_LIMITS, searchRequest } from '../../catalog/index.js';
import type { ProcurementService } from '../../procurement/index.js';
import type { RegistryService } from '../../registry/index.js';
import type { AlertsRepo, SettingsRow } from './alerts.repo.js';
import {
  type AlertEvent,
  type AlertSettings,
  FOLLOW_KINDS,
  type Follow,
  type FollowKind,
  FREQUENCIES,
  type Frequency,
  TENDER_CATEGORIES,
} from './alerts.types.js';

/** What one account may follow at most. */
export const FOLLOWS_PER_PERSON = 200;
const FEED_ENTRIES = 50;
const CATEGORY_WORDS: Record<string, { fr: string; en: string }> = {
  goods: { fr: 'Biens', en: 'Goods' },
  works: { fr: 'Travaux', en: 'Works' },
  services: { fr: 'Services', en: 'Services' },
};

const secret = () => randomBytes(24).toString('base64url');

export interface FollowsDeps {
  repo: AlertsRepo;
  catalog: CatalogService;
  procurement: ProcurementService;
  registry: RegistryService;
  baseUrl: string;
}

/**
 * Following: a signed-in person follows a public dataset, an organisation, a theme, a saved search,
 * a tender buyer or category, or an enterprise; chooses how often digests come (or none); reads
 * a private Atom feed; stops digests in one click from any of them.
 */
export function createFollowsService(deps: FollowsDeps) {
  const { repo } = deps;
  const signedIn = (actor: Actor): string => {
    if (!actor.user) throw new UnauthorizedError(localized('Connectez-vous d’abord.', 'Sign in first.'));
    return actor.user.id;
  };
  const settingsOf = (userId: string) => repo.settings(userId, { feed: secret(), unsubscribe: secret() });
  const present = (row: SettingsRow): AlertSettings => ({
    frequency: row.frequency,
    feedUrl: `${deps.baseUrl}/feeds/alerts/${row.feed_token}.atom`,
    lastDigest: row.last_digest ? new Date(row.last_digest) : null,
  });

  /** The followed thing's key and label, or the field's problem. */
  async function resolve(
    kind: FollowKind,
    reference: string,
  ): Promise<{ target: string; label: string } | { problem: { fr: string; en: string } }> {
    const ref = reference.trim();
    switch (kind) {
      case 'dataset': {
        try {
          const dataset = await deps.catalog.datasets.get(ANONYMOUS, ref);
          return { target: dataset.id, label: dataset.title.fr };
        } catch {
          return {
            problem: localized('Aucun jeu de données public de ce nom.', 'No public dataset has that name.'),
          };
        }
      }
      case 'organization':
      case 'theme': {
        const group = ref
          ? await deps.catalog.groups.find(kind === 'theme' ? 'group' : 'organization', ref)
          : null;
        if (group?.state !== 'active')
          return {
            problem:
              kind === 'theme'
                ? localized('Thème inconnu.', 'Unknown theme.')
                : localized('Organisation inconnue.', 'Unknown organization.'),
          };
        return { target: group.id, label: group.title.fr };
      }
      case 'search': {
        const q = ref.replace(/\s+/g, ' ');
        if (q === '' || q.length > 200)
          return {
            problem: localized('Des mots, 200 caractères au plus.', 'Words, 200 characters at most.'),
          };
        try {
          await deps.catalog.search.search(ANONYMOUS, searchRequest({ q, rows: 0 }));
        } catch {
          return {
            problem: localized(
              `Recherche invalide (au plus ${QUERY_LIMITS.terms} termes).`,
              `Invalid search (at most ${QUERY_LIMITS.terms} terms).`,
            ),
          };
        }
        return { target: q, label: q };
      }
      case 'buyer': {
        const buyer = (await deps.procurement.publication.buyers()).find((b) => b.id === ref);
        if (!buyer)
          return { problem: localized('Aucun acheteur public de cet identifiant.', 'No buyer has that id.') };
        return { target: buyer.id, label: buyer.name };
      }
      case 'category': {
        if (!(TENDER_CATEGORIES as readonly string[]).includes(ref))
          return {
            problem: localized(
              `Catégories : ${TENDER_CATEGORIES.join(', ')}.`,
              `Categories: ${TENDER_CATEGORIES.join(', ')}.`,
            ),
          };
        return { target: ref, label: (CATEGORY_WORDS[ref] as { fr: string }).fr };
      }
      case 'enterprise': {
        try {
          const enterprise = await deps.registry.enterprise(ref.replace(/\s/g, ''));
          return { target: enterprise.neq, label: enterprise.name ?? enterprise.neq };
        } catch {
          return { problem: localized('Aucune entreprise à ce NEQ.', 'No enterprise has that NEQ.') };
        }
      }
    }
  }

  return {
    async follow(actor: Actor, input: { kind: string; target: string }): Promise<Follow> {
      const userId = signedIn(actor);
      const issues = new IssueCollector();
      if (!(FOLLOW_KINDS as readonly string[]).includes(input.kind)) {
        issues.add(
          'kind',
          'invalid',
          localized(`Possibles : ${FOLLOW_KINDS.join(', ')}.`, `Possible: ${FOLLOW_KINDS.join(', ')}.`),
        );
        issues.throwIfAny();
      }
      const kind = input.kind as FollowKind;
      const resolved = await resolve(kind, input.target);
      if ('problem' in resolved) issues.add('target', 'unknown', resolved.problem);
      else if (
        !(await repo.findFollow(userId, kind, resolved.target)) &&
        (await repo.countFollows(userId)) >= FOLLOWS_PER_PERSON
      )
        issues.add(
          'target',
          'too_many',
          localized(
            `Au plus ${FOLLOWS_PER_PERSON} suivis par compte.`,
            `At most ${FOLLOWS_PER_PERSON} follows per account.`,
          ),
        );
      issues.throwIfAny();
      const { target, label } = resolved as { target: string; label: string };
      await settingsOf(userId);
      return repo.follow({ id: randomUUID(), userId, kind, target, label });
    },

    async unfollow(actor: Actor, id: string): Promise<void> {
      const userId = signedIn(actor);
      if (!/^[0-9a-f-]{36}$/i.test(id) || !(await repo.unfollow(userId, id)))
        throw new NotFoundError('follow', id, localized('Suivi introuvable', 'Follow not found'));
    },

    list: async (actor: Actor): Promise<Follow[]> => (actor.user ? repo.follows(actor.user.id) : []),

    /** The person's follow of a thing, if any (a page shows "follow" or "stop following"). */
    async followOf(actor: Actor, kind: FollowKind, reference: string): Promise<Follow | null> {
      if (!actor.user) return null;
      // Keys that are the reference itself need no look-up (an enterprise's page reads it already).
      const direct: Partial<Record<FollowKind, string>> = {
        search: reference.trim().replace(/\s+/g, ' '),
        buyer: reference.trim(),
        category: reference.trim(),
        enterprise: reference.replace(/\s/g, ''),
      };
      // A dataset's, organisation's or theme's id is its key too (their pages hold it already).
      const target = direct[kind] ?? (/^[0-9a-f-]{36}$/i.test(reference) ? reference : undefined);
      if (target !== undefined) return repo.findFollow(actor.user.id, kind, target);
      const resolved = await resolve(kind, reference);
      return 'problem' in resolved ? null : repo.findFollow(actor.user.id, kind, resolved.target);
    },

    followers: (kind: FollowKind, target: string) => repo.followers(kind, target),

    settings: async (actor: Actor): Promise<AlertSettings> => present(await settingsOf(signedIn(actor))),

    async setFrequency(actor: Actor, frequency: string): Promise<AlertSettings> {
      const userId = signedIn(actor);
      if (!(FREQUENCIES as readonly string[]).includes(frequency)) {
        const issues = new IssueCollector();
        issues.add(
          'frequency',
          'invalid',
          localized(`Possibles : ${FREQUENCIES.join(', ')}.`, `Possible: ${FREQUENCIES.join(', ')}.`),
        );
        issues.throwIfAny();
      }
      await settingsOf(userId);
      await repo.setFrequency(userId, frequency as Frequency);
      return present(await settingsOf(userId));
    },

    /** A new feed address (the old one stops working: it was shared by mistake). */
    async replaceFeed(actor: Actor): Promise<AlertSettings> {
      const userId = signedIn(actor);
      await settingsOf(userId);
      await repo.replaceFeedToken(userId, secret());
      return present(await settingsOf(userId));
    },

    /** What the person was told about, newest first. */
    notifications: async (actor: Actor, limit: number): Promise<AlertEvent[]> =>
      repo.notifications(signedIn(actor), Math.min(Math.max(limit, 1), FEED_ENTRIES)),

    /** The private feed by its secret; null when no feed has it. */
    async feed(token: string): Promise<AlertEvent[] | null> {
      const row = /^[A-Za-z0-9_-]{20,64}$/.test(token) ? await repo.bySecret('feed_token', token) : null;
      return row ? repo.notifications(row.user_id, FEED_ENTRIES) : null;
    },

    /** One click in a digest: no more digests (follows and the feed stay). False for an unknown link. */
    async unsubscribe(token: string): Promise<boolean> {
      const row = /^[A-Za-z0-9_-]{20,64}$/.test(token)
        ? await repo.bySecret('unsubscribe_token', token)
        : null;
      if (!row) return false;
      await repo.setFrequency(row.user_id, 'never');
      return true;
    },

    /** Whether an unsubscribe link is known (its page shows a button, or says the link is wrong). */
    knownUnsubscribe: async (token: string): Promise<boolean> =>
      /^[A-Za-z0-9_-]{20,64}$/.test(token) && (await repo.bySecret('unsubscribe_token', token)) !== null,

    forget: (userId: string) => repo.forget(userId),
  };
}

export type FollowsService = ReturnType<typeof createFollowsService>;
