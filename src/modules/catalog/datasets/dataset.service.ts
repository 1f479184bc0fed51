import { randomUUID } from 'node:crypto';
import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import { type Db, isUniqueViolation, type Queryable } from '../../../platform/db/index.js';
import { type FieldIssue, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { type Actor, isSysadmin, organizationsWithRole } from '../../accounts/index.js';
import { createActivityRepo } from '../activity/activity.repo.js';
import { canCreateDatasetIn, canEditDataset, canReadDataset, forbidden } from '../catalog.policy.js';
import type { Dataset, DatasetInput, Group } from '../catalog.types.js';
import { createGroupRepo } from '../groups/group.repo.js';
import { changedFields, datasetActivity } from './dataset.activity.js';
import { createDatasetRepo, type DatasetRef } from './dataset.repo.js';
import type { DatasetRow } from './dataset.rows.js';
import { checkResourceIdsFree, datasetMessages, validateDataset } from './dataset.validate.js';
import { createLookupRepo } from './lookup.repo.js';
import { assertHarvestedFieldsKept } from './origin-lock.js';
import { createOriginsRepo, type NewOrigin } from './origins.repo.js';
import { publicationGaps } from './publication.js';
import { newUploads, syncResources, uploadIds, withUploadCleanup } from './resource.rows.js';
import { createResourceVersionsRepo } from './resource-versions.repo.js';

export const datasetNotFound = (reference: string) =>
  new NotFoundError('dataset', reference, localized('Jeu de données introuvable', 'Dataset not found'));

export function createDatasetService({
  db,
  blobs,
  changed,
}: {
  db: Db;
  blobs: BlobStore;
  /** Called after every committed write, with the dataset written. */
  changed: (datasetId: string) => Promise<void>;
}) {
  const datasets = createDatasetRepo(db);
  const groups = createGroupRepo(db);

  /** The dataset if the actor may read it; "not found" otherwise, so its existence stays private. */
  async function readableRef(actor: Actor, reference: string): Promise<DatasetRef> {
    const ref = await datasets.findRef(reference);
    if (!ref || !canReadDataset(actor, ref)) throw datasetNotFound(reference);
    return ref;
  }

  async function editableRef(actor: Actor, reference: string): Promise<DatasetRef> {
    const ref = await readableRef(actor, reference);
    if (!canEditDataset(actor, ref)) {
      throw forbidden(
        "Vous n'avez pas le droit de modifier ce jeu de données.",
        `User not authorized to edit dataset ${ref.name}`,
      );
    }
    return ref;
  }

  async function loadOne(id: string, queryable: Queryable = db): Promise<Dataset> {
    const [dataset] = await createDatasetRepo(queryable).load([id]);
    if (!dataset) throw datasetNotFound(id);
    return dataset;
  }

  /**
   * A draft published, a deleted dataset restored (active, searchable), or a published one taken
   * back to draft; in its history either way.
   */
  async function changeState(
    actor: Actor,
    id: string,
    change: { state: 'active' | 'draft' } | { private: boolean },
  ): Promise<void> {
    await db.transaction(async (tx) => {
      const repo = createDatasetRepo(tx);
      if ('state' in change) await repo.setState(id, change.state);
      else await repo.setPrivate(id, change.private);
      await repo.refreshSearch([id]);
      await createActivityRepo(tx).record(
        datasetActivity(actor, await loadOne(id, tx), 'changed', ['state' in change ? 'state' : 'private']),
      );
    });
    await changed(id);
  }

  return {
    readableRef,
    editableRef,

    async get(actor: Actor, reference: string): Promise<Dataset> {
      return loadOne((await readableRef(actor, reference)).id);
    },

    /** Whether a dataset of that id or name exists in any state (for loaders; reveals nothing to users). */
    exists: async (reference: string) => (await datasets.findRef(reference)) !== null,

    /** Datasets by id, without access checks: for callers that filtered visibility already. */
    loadMany: (ids: readonly string[]) => datasets.load(ids),

    /**
     * With `origin`, the harvested dataset and where it comes from are written together;
     * `creatorUserId` (sysadmins: a migration keeps who created it upstream) replaces the actor.
     */
    async create(
      actor: Actor,
      input: DatasetInput,
      options: { origin?: NewOrigin; creatorUserId?: string | null } = {},
    ): Promise<Dataset> {
      assertCanPublishSomewhere(actor);
      if (input.id !== undefined && !isSysadmin(actor)) {
        throw new ValidationError([
          {
            path: 'id',
            code: 'forbidden',
            message: localized(
              "Seul un administrateur peut choisir l'identifiant",
              'Only sysadmins can set the id',
            ),
          },
        ]);
      }
      const uploads = newUploads(input.resources);
      return withUploadCleanup(uploads, { datasets, blobs }, async () => {
        const references = await validateDataset(
          { ...input, ownerOrg: input.ownerOrg ?? '' },
          { existingId: null, datasets, groups, existingUploads: new Set() },
        );
        const organization = references.organization as Group;
        assertCanPublishIn(actor, organization);
        const id = input.id ?? randomUUID();
        await writeOrReportName(() =>
          db.transaction(async (tx) => {
            const repo = createDatasetRepo(tx);
            await repo.insert(
              datasetRow(id, input, {
                organization,
                groups: references.groups,
                creatorUserId:
                  options.creatorUserId !== undefined && isSysadmin(actor)
                    ? options.creatorUserId
                    : (actor.user?.id ?? null),
                state: input.state ?? 'active',
                private: input.private ?? false,
              }),
            );
            await checkResourceIdsFree(repo, id, input, []);
            await syncResources(
              { datasets: repo, versions: createResourceVersionsRepo(tx) },
              id,
              input.resources ?? [],
              [],
              actor.user?.id ?? null,
            );
            if (options.origin) await createOriginsRepo(tx).put(id, options.origin);
            await repo.refreshSearch([id]);
            const created = await loadOne(id, tx);
            await createActivityRepo(tx).record(datasetActivity(actor, created, 'new'));
          }),
        );
        await changed(id);
        return loadOne(id);
      });
    },

    /** Replaces the dataset's fields (see DatasetInput for those kept when left out). */
    async update(
      actor: Actor,
      reference: string,
      input: DatasetInput,
      /** The harvest source writing it (the only writer of its harvested fields), its origin refreshed. */
      options: { origin?: NewOrigin; creatorUserId?: string | null } = {},
    ): Promise<Dataset> {
      const ref = await editableRef(actor, reference);
      const uploads = newUploads(input.resources);
      return withUploadCleanup(uploads, { datasets, blobs }, async () => {
        const existingResources = await datasets.listResourceRows(ref.id);
        const references = await validateDataset(
          { ...input, id: undefined },
          { existingId: ref.id, datasets, groups, existingUploads: uploadIds(existingResources) },
        );
        const organization = references.organization ?? (await groups.findByIds([ref.ownerOrg]))[0];
        if (!organization) throw new Error(`dataset ${ref.id} has no organisation`);
        if (organization.id !== ref.ownerOrg) assertCanPublishIn(actor, organization);
        const before = await loadOne(ref.id);
        await writeOrReportName(() =>
          db.transaction(async (tx) => {
            const repo = createDatasetRepo(tx);
            await repo.update(
              datasetRow(ref.id, input, {
                organization,
                groups: references.groups,
                creatorUserId:
                  options.creatorUserId !== undefined && isSysadmin(actor)
                    ? options.creatorUserId
                    : ref.creatorUserId,
                // A deleted dataset stays deleted when edited; restoring it is not an update.
                state: ref.state === 'deleted' ? 'deleted' : (input.state ?? ref.state),
                private: input.private ?? ref.private,
              }),
            );
            if (input.resources) {
              await checkResourceIdsFree(repo, ref.id, input, existingResources);
              await syncResources(
                { datasets: repo, versions: createResourceVersionsRepo(tx) },
                ref.id,
                input.resources,
                existingResources,
                actor.user?.id ?? null,
              );
            }
            if (options.origin) await createOriginsRepo(tx).put(ref.id, options.origin);
            await repo.refreshSearch([ref.id]);
            const after = await loadOne(ref.id, tx);
            assertHarvestedFieldsKept(before, after, options.origin?.sourceId);
            await createActivityRepo(tx).record(
              datasetActivity(actor, after, 'changed', changedFields(before, after)),
            );
          }),
        );
        await changed(ref.id);
        return loadOne(ref.id);
      });
    },

    /** The issues this input would meet on create (or on update of `reference`), writing nothing. */
    async check(actor: Actor, input: DatasetInput, reference: string | null): Promise<FieldIssue[]> {
      const ref = reference === null ? null : await editableRef(actor, reference);
      const existing = ref ? await datasets.listResourceRows(ref.id) : [];
      const checked = ref ? { ...input, id: undefined } : { ...input, ownerOrg: input.ownerOrg ?? '' };
      const context = { existingId: ref?.id ?? null, datasets, groups, existingUploads: uploadIds(existing) };
      return validateDataset(checked, context).then(
        () => [],
        (error: unknown) => {
          if (error instanceof ValidationError) return error.issues;
          throw error;
        },
      );
    },

    /**
     * Makes a draft public (or visible to the organisation, when private), once it has what a
     * published dataset needs (see publicationGaps); refused with each gap otherwise.
     */
    async publish(actor: Actor, reference: string): Promise<Dataset> {
      const ref = await editableRef(actor, reference);
      if (ref.state !== 'draft') return loadOne(ref.id);
      const gaps = publicationGaps(await loadOne(ref.id));
      if (gaps.length > 0) throw new ValidationError(gaps);
      await changeState(actor, ref.id, { state: 'active' });
      return loadOne(ref.id);
    },

    /** Takes a published dataset back to draft: out of search, lists and feeds, 404 to the public. */
    async unpublish(actor: Actor, reference: string): Promise<Dataset> {
      const ref = await editableRef(actor, reference);
      if (ref.state !== 'active') return loadOne(ref.id);
      await changeState(actor, ref.id, { state: 'draft' });
      return loadOne(ref.id);
    },

    /** Public, or visible to its organisation's members only. */
    async setVisibility(actor: Actor, reference: string, isPrivate: boolean): Promise<Dataset> {
      const ref = await editableRef(actor, reference);
      if (ref.private !== isPrivate) await changeState(actor, ref.id, { private: isPrivate });
      return loadOne(ref.id);
    },

    /** Soft delete: the dataset disappears from every list but stays restorable by a sysadmin. */
    async delete(actor: Actor, reference: string): Promise<void> {
      const ref = await editableRef(actor, reference);
      if (ref.state === 'deleted') return;
      await db.transaction(async (tx) => {
        await createDatasetRepo(tx).setState(ref.id, 'deleted');
        await createActivityRepo(tx).record(datasetActivity(actor, await loadOne(ref.id, tx), 'deleted'));
      });
      await changed(ref.id);
    },

    /** Brings a deleted dataset back as it was (sysadmins; the harvester restores what it withdrew). */
    async restore(actor: Actor, reference: string): Promise<Dataset> {
      if (!isSysadmin(actor)) {
        throw forbidden(
          'Seul un administrateur du portail peut restaurer un jeu de données supprimé.',
          'Only sysadmins can restore deleted datasets',
        );
      }
      const ref = await datasets.findRef(reference);
      if (!ref) throw datasetNotFound(reference);
      if (ref.state !== 'deleted') return loadOne(ref.id);
      // Its name may have been taken meanwhile: reported on `name`.
      await writeOrReportName(() => changeState(actor, ref.id, { state: 'active' }));
      return loadOne(ref.id);
    },

    /**
     * Removes a dataset for good (sysadmins): its resources, their files no other resource uses,
     * its page views and its activity. It cannot be restored.
     */
    async purge(actor: Actor, reference: string): Promise<void> {
      if (!isSysadmin(actor)) {
        throw forbidden(
          'Seul un administrateur du portail peut supprimer définitivement un jeu de données.',
          'Only sysadmins can purge datasets',
        );
      }
      const ref = await datasets.findRef(reference);
      if (!ref) throw datasetNotFound(reference);
      const files = await db.transaction((tx) => createLookupRepo(tx).purge(ref.id));
      for (const sha256 of files) {
        if (!(await datasets.blobInUse(sha256))) await blobs.delete(sha256);
      }
      await changed(ref.id);
    },

    /** Public datasets whose name or title contains the text (CKAN's package_autocomplete). */
    autocomplete: (text: string, limit: number) => createLookupRepo(db).datasetsLike(text, limit),

    /** Formats of public resources that contain the text, most used first (format_autocomplete). */
    formats: (text: string, limit: number) => createLookupRepo(db).formatsLike(text, limit),

    listPublicNames: (limit: number | null, offset: number) => datasets.listPublicNames(limit, offset),
    listPublicTags: (query: string | null, limit: number | null, offset: number) =>
      datasets.listPublicTags(query, limit, offset),
  };
}

export type DatasetService = ReturnType<typeof createDatasetService>;

/** Anonymous callers and users without an editor role anywhere cannot publish at all (403). */
function assertCanPublishSomewhere(actor: Actor): void {
  if (isSysadmin(actor) || organizationsWithRole(actor, 'editor').length > 0) return;
  throw forbidden(
    "Vous devez être éditeur d'une organisation pour publier un jeu de données.",
    `User ${actor.user?.name ?? 'anonymous'} not authorized to create packages`,
  );
}

/** Publishing into an organisation one does not edit is a field error on owner_org, as in CKAN. */
function assertCanPublishIn(actor: Actor, organization: Group): void {
  if (canCreateDatasetIn(actor, organization.id)) return;
  throw new ValidationError([
    { path: 'owner_org', code: 'forbidden', message: datasetMessages.organizationForbidden() },
  ]);
}

async function writeOrReportName(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    // Two writers raced for the same name; the unique index caught the loser.
    if (isUniqueViolation(error)) {
      throw new ValidationError([{ path: 'name', code: 'taken', message: datasetMessages.nameInUse() }]);
    }
    throw error;
  }
}

interface RowFacts {
  organization: Group;
  groups: Group[];
  creatorUserId: string | null;
  state: DatasetRow['state'];
  private: boolean;
}

function datasetRow(id: string, input: DatasetInput, facts: RowFacts): DatasetRow {
  return {
    id,
    name: input.name,
    type: 'dataset',
    state: facts.state,
    private: facts.private,
    owner_org: facts.organization.id,
    creator_user_id: facts.creatorUserId,
    // CKAN shows the name when a dataset has no title.
    title_fr: input.title.fr ?? input.name,
    title_en: input.title.en,
    notes_fr: input.notes.fr,
    notes_en: input.notes.en,
    author: input.author,
    author_email: input.authorEmail,
    maintainer: input.maintainer,
    maintainer_email: input.maintainerEmail,
    license_id: input.licenseId,
    url: input.url,
    version: input.version,
    update_frequency: input.updateFrequency,
    time_coverage_start: input.temporalStart,
    time_coverage_end: input.temporalEnd,
    bbox_west: input.bbox?.west ?? null,
    bbox_south: input.bbox?.south ?? null,
    bbox_east: input.bbox?.east ?? null,
    bbox_north: input.bbox?.north ?? null,
    languages: [...new Set(input.languages)],
    tags: [...new Set(input.tags)],
    keywords_en: [...new Set(input.keywordsEn)],
    group_ids: [...new Set(facts.groups.map((group) => group.id))],
    extras: input.extras,
  };
}
