import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import { type Db, isUniqueViolation } from '../../../platform/db/index.js';
import {
  ForbiddenError,
  IssueCollector,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../../platform/http/errors.js';
import type { RateLimiter } from '../../../platform/http/rate-limit.js';
import { localized } from '../../../platform/i18n/index.js';
import { slugify } from '../../../platform/validation.js';
import { type AccountsService, type Actor, isSysadmin } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import { IMAGE_MAX_BYTES, processImage } from './image.js';
import { publicDatasetLookups } from './public-datasets.js';
import { checkReuse } from './reuse-checks.js';
import { createReusesRepo, type ReuseFilters, type ReuseRow } from './reuses.repo.js';
import type { NewReuse, Reuse, ReuseState } from './reuses.types.js';

export interface ReusesDeps {
  db: Db;
  blobs: BlobStore;
  accounts: AccountsService;
  catalog: CatalogService;
  /** Reuses submitted per account and hour. */
  limiter: RateLimiter;
}

const notFound = (reference: string) =>
  new NotFoundError('reuse', reference, localized('Réutilisation introuvable', 'Reuse not found'));

/**
 * Reuses and calls for projects (plan measure 3): anyone signed in (address confirmed) shows
 * what they made with public datasets; a publisher's or an administrator's is published at once,
 * anyone else's after an administrator approves it. The datasets it uses list it back, and a
 * call for projects lists the reuses made for it. Private datasets are never linked or shown.
 */
export function createReusesService(deps: ReusesDeps) {
  const repo = createReusesRepo(deps.db);

  const { publicDatasets, datasetIds } = publicDatasetLookups(deps.catalog);

  async function present(rows: ReuseRow[]): Promise<Reuse[]> {
    const [names, calls] = await Promise.all([
      deps.accounts.namesByIds(rows.map((row) => row.author_id)),
      repo.callsByIds([...new Set(rows.flatMap((row) => (row.call_id ? [row.call_id] : [])))]),
    ]);
    const callOf = new Map(calls.map((call) => [call.id, call]));
    return Promise.all(
      rows.map(async (row) => {
        const call = row.call_id ? callOf.get(row.call_id) : undefined;
        return {
          id: row.id,
          name: row.name,
          title: row.title,
          description: row.description,
          type: row.type,
          url: row.url,
          image: row.image_sha256 ? `/api/v1/reuses/${row.name}/image` : null,
          author: { id: row.author_id, name: names.get(row.author_id) ?? '' },
          topics: row.topics,
          call: call ? { name: call.name, title: call.title } : null,
          datasets: await publicDatasets(row.dataset_ids),
          state: row.state,
          moderationReason: row.moderation_reason,
          created: new Date(row.created),
          publishedAt: row.published_at ? new Date(row.published_at) : null,
        };
      }),
    );
  }

  /** A reuse the actor may see: published, or their own, or any to administrators. */
  async function visible(actor: Actor, reference: string): Promise<ReuseRow> {
    const row = reference.length <= 200 ? await repo.get(reference) : null;
    if (!row) throw notFound(reference);
    if (row.state !== 'published' && row.author_id !== actor.user?.id && !isSysadmin(actor))
      throw notFound(reference);
    return row;
  }

  async function freeName(title: string): Promise<string> {
    const base = slugify(title).slice(0, 80) || 'reutilisation';
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}-${n}`;
      if (!(await repo.nameTaken(name))) return name;
    }
  }

  return {
    async create(actor: Actor, input: NewReuse): Promise<Reuse> {
      const user = actor.user;
      if (!user) throw new UnauthorizedError(localized('Connectez-vous d’abord.', 'Sign in first.'));
      if (!(await deps.accounts.selfService.verified(user.id)))
        throw new ForbiddenError(
          localized('Confirmez d’abord votre adresse courriel.', 'Confirm your email address first.'),
        );
      const checked = await checkReuse(input, repo, datasetIds);
      const wait = await deps.limiter.take(`reuse:${user.id}`);
      if (wait > 0)
        throw new TooManyRequestsError(
          localized(
            'Beaucoup de réutilisations récemment : réessayez plus tard.',
            'Many reuses lately: try later.',
          ),
          wait,
        );
      // Publishers and administrators are trusted; anyone else's waits for a moderator.
      const trusted =
        isSysadmin(actor) ||
        [...actor.memberships.values()].some((role) => role === 'admin' || role === 'editor');
      const id = randomUUID();
      // Named before the transaction: PGlite has one connection, a query beside it would wait
      // forever. Two people naming theirs alike at once: the second gets the id's start added.
      const name = await freeName(checked.title);
      const insert = (chosen: string) =>
        deps.db.transaction(async (tx) =>
          createReusesRepo(tx).insert({
            id,
            name: chosen,
            ...checked,
            authorId: user.id,
            state: trusted ? 'published' : 'pending',
          }),
        );
      await insert(name).catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
        return insert(`${name}-${id.slice(0, 8)}`);
      });
      return (await present([(await repo.get(id)) as ReuseRow]))[0] as Reuse;
    },

    /**
     * Edits a reuse (its author, or an administrator); its address stays. A publisher's or an
     * administrator's edit is published at once; anyone else's waits for a moderator again, so
     * that an approved reuse cannot be turned into something else unseen.
     */
    async update(actor: Actor, reference: string, input: NewReuse): Promise<Reuse> {
      const row = await visible(actor, reference);
      if (!actor.user || (row.author_id !== actor.user.id && !isSysadmin(actor)))
        throw new ForbiddenError(
          localized(
            'Seuls son auteur et les administrateurs modifient une réutilisation.',
            'Only its author and administrators edit a reuse.',
          ),
        );
      const checked = await checkReuse(input, repo, datasetIds);
      const trusted = [...actor.memberships.values()].some((role) => role === 'admin' || role === 'editor');
      const state: ReuseState = isSysadmin(actor) ? row.state : trusted ? 'published' : 'pending';
      await deps.db.transaction((tx) => createReusesRepo(tx).update(row.id, { ...checked, state }));
      return (await present([(await repo.get(row.id)) as ReuseRow]))[0] as Reuse;
    },

    async list(
      actor: Actor,
      filters: Omit<ReuseFilters, 'states' | 'authorId' | 'datasetId' | 'callId'> & {
        state: ReuseState | null;
        dataset: string | null;
        call: string | null;
      },
    ): Promise<{ reuses: Reuse[]; total: number }> {
      // The public sees published reuses; an author also their own; administrators choose.
      const states: ReuseState[] = isSysadmin(actor) && filters.state ? [filters.state] : ['published'];
      let datasetId: string | null = null;
      if (filters.dataset) {
        const [found] = await publicDatasets([filters.dataset]);
        if (!found) return { reuses: [], total: 0 };
        datasetId = found.id;
      }
      let callId: string | null = null;
      if (filters.call) {
        const call = await repo.getCall(filters.call);
        if (!call) return { reuses: [], total: 0 };
        callId = call.id;
      }
      const { rows, total } = await repo.list({
        ...filters,
        states,
        authorId: isSysadmin(actor) && filters.state ? null : (actor.user?.id ?? null),
        datasetId,
        callId,
      });
      return { reuses: await present(rows), total };
    },

    get: async (actor: Actor, reference: string): Promise<Reuse> =>
      (await present([await visible(actor, reference)]))[0] as Reuse,

    /** Administrators publish or refuse (with a reason) a reuse. */
    async moderate(
      actor: Actor,
      reference: string,
      decision: { state: string; reason: string | null },
    ): Promise<Reuse> {
      if (!isSysadmin(actor))
        throw new ForbiddenError(
          localized('Seuls les administrateurs du portail modèrent.', 'Only portal administrators moderate.'),
        );
      const row = await visible(actor, reference);
      const issues = new IssueCollector();
      if (decision.state !== 'published' && decision.state !== 'refused')
        issues.add('state', 'invalid', localized('published ou refused.', 'published or refused.'));
      const reason = decision.reason?.trim() || null;
      if (decision.state === 'refused' && !reason)
        issues.add('reason', 'required', localized('Dites pourquoi.', 'Say why.'));
      issues.throwIfAny();
      await repo.moderate(row.id, decision.state as 'published' | 'refused', reason);
      return (await present([(await repo.get(row.id)) as ReuseRow]))[0] as Reuse;
    },

    /** The author's (or an administrator's) image: resized, re-encoded, stripped of metadata. */
    async setImage(actor: Actor, reference: string, bytes: Buffer): Promise<Reuse> {
      const row = await visible(actor, reference);
      if (row.author_id !== actor.user?.id && !isSysadmin(actor))
        throw new ForbiddenError(
          localized('Seul son auteur change l’image.', 'Only its author changes the image.'),
        );
      const result = await processImage(bytes);
      if (!result.ok) {
        const issues = new IssueCollector();
        issues.add(
          'image',
          result.reason,
          result.reason === 'too_large'
            ? localized(
                `Au plus ${IMAGE_MAX_BYTES / 1024 / 1024} Mo.`,
                `At most ${IMAGE_MAX_BYTES / 1024 / 1024} MB.`,
              )
            : result.reason === 'format'
              ? localized('Une image JPEG, PNG ou WebP.', 'A JPEG, PNG or WebP image.')
              : localized('Cette image ne se lit pas.', 'This image cannot be read.'),
        );
        issues.throwIfAny();
      }
      const webp = (result as { webp: Buffer }).webp;
      const stored = await deps.blobs.put(Readable.from([webp]), { maxBytes: IMAGE_MAX_BYTES });
      await repo.setImage(row.id, stored.sha256);
      return (await present([(await repo.get(row.id)) as ReuseRow]))[0] as Reuse;
    },

    /** A visible reuse's image, to stream; null when it has none. */
    async image(actor: Actor, reference: string): Promise<{ sha256: string; read: () => Readable } | null> {
      const row = await visible(actor, reference);
      const sha256 = row.image_sha256;
      return sha256 ? { sha256, read: () => deps.blobs.read(sha256) } : null;
    },

    /** Published reuses that use a dataset (its page lists them) and how many. */
    async ofDataset(datasetId: string, limit: number): Promise<{ reuses: Reuse[]; total: number }> {
      const { rows, total } = await repo.list({
        states: ['published'],
        authorId: null,
        type: null,
        topic: null,
        datasetId,
        callId: null,
        limit,
        offset: 0,
      });
      return { reuses: await present(rows), total };
    },

    topics: () => repo.topics(),

    /**
     * An erased account's reuses go with it; their images are no longer served (the blob store
     * is shared and content-addressed: the same bytes may be another's, so they are not deleted).
     */
    async forgetAuthor(userId: string): Promise<void> {
      await repo.forgetAuthor(userId);
    },
  };
}

export type ReusesService = ReturnType<typeof createReusesService>;
