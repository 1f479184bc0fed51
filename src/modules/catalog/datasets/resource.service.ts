import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import type { Db } from '../../../platform/db/index.js';
import { IssueCollector, NotFoundError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Actor } from '../../accounts/index.js';
import { createActivityRepo } from '../activity/activity.repo.js';
import type { Dataset, Resource, ResourceInput, UploadedFile } from '../catalog.types.js';
import { datasetActivity } from './dataset.activity.js';
import { createDatasetRepo, type DatasetRepo } from './dataset.repo.js';
import type { ResourceRow } from './dataset.rows.js';
import type { DatasetService } from './dataset.service.js';
import { checkResource, datasetMessages } from './dataset.validate.js';
import { createLookupRepo, type ResourceSearchField } from './lookup.repo.js';
import { assertHarvestedFieldsKept } from './origin-lock.js';
import { discardUpload, newUploads, resourceRowFor, uploadIds, withUploadCleanup } from './resource.rows.js';
import { createResourceVersionsRepo, fileReplaced, type ResourceVersion } from './resource-versions.repo.js';

export interface ResourceInDataset {
  dataset: Dataset;
  resource: Resource;
}

const resourceNotFound = (reference: string) =>
  new NotFoundError('resource', reference, localized('Ressource introuvable', 'Resource not found'));

export function createResourceService(deps: {
  db: Db;
  blobs: BlobStore;
  datasets: DatasetService;
  /** Called after every committed write, with the dataset written. */
  changed: (datasetId: string) => Promise<void>;
}) {
  const { db, blobs } = deps;
  const repo = createDatasetRepo(db);

  /** The resource and its dataset, when the actor may read the dataset and the resource is live. */
  async function get(actor: Actor, resourceId: string): Promise<ResourceInDataset> {
    const row = await repo.findResource(resourceId);
    if (row?.state !== 'active') throw resourceNotFound(resourceId);
    const dataset = await deps.datasets.get(actor, row.dataset_id).catch(() => {
      throw resourceNotFound(resourceId);
    });
    const resource = dataset.resources.find((candidate) => candidate.id === resourceId);
    if (!resource) throw resourceNotFound(resourceId);
    return { dataset, resource };
  }

  /** Public resources whose fields contain every term (CKAN's resource_search), with their datasets. */
  async function search(
    terms: { field: ResourceSearchField; text: string }[],
    page: { orderBy: ResourceSearchField | null; limit: number | null; offset: number },
  ): Promise<{ count: number; results: ResourceInDataset[] }> {
    const found = await createLookupRepo(db).searchResources(terms, page);
    const datasets = new Map(
      (await repo.load([...new Set(found.rows.map((row) => row.datasetId))])).map((dataset) => [
        dataset.id,
        dataset,
      ]),
    );
    const results = found.rows.flatMap((row) => {
      const dataset = datasets.get(row.datasetId);
      const resource = dataset?.resources.find((candidate) => candidate.id === row.id);
      return dataset && resource ? [{ dataset, resource }] : [];
    });
    return { count: found.count, results };
  }

  /** Writes one resource of a dataset in a transaction and logs the change on the dataset. */
  async function write(
    actor: Actor,
    datasetId: string,
    input: ResourceInput,
    place: (existing: ResourceRow[]) => { position: number; current: ResourceRow | undefined },
  ): Promise<ResourceInDataset> {
    const existing = await repo.listResourceRows(datasetId);
    return withUploadCleanup(newUploads([input]), { datasets: repo, blobs }, async () => {
      const issues = new IssueCollector();
      checkResource(issues, '', input, uploadIds(existing));
      await checkIdFree(repo, issues, datasetId, input, existing);
      issues.throwIfAny();
      const { position, current } = place(existing);
      const row = resourceRowFor(datasetId, position, input, current);
      await db.transaction(async (tx) => {
        const txRepo = createDatasetRepo(tx);
        const [before] = await txRepo.load([datasetId]);
        if (fileReplaced(current, row))
          await createResourceVersionsRepo(tx).keep(current, actor.user?.id ?? null);
        await txRepo.upsertResource(row);
        await txRepo.refreshSearch([datasetId]);
        await txRepo.touch(datasetId);
        const [dataset] = await txRepo.load([datasetId]);
        if (before && dataset) assertHarvestedFieldsKept(before, dataset);
        if (dataset)
          await createActivityRepo(tx).record(datasetActivity(actor, dataset, 'changed', ['resources']));
      });
      await deps.changed(datasetId);
      return get(actor, row.id);
    });
  }

  return {
    get,
    search,

    /** A resource's earlier files, the latest first, for whoever may read the resource. */
    async versions(
      actor: Actor,
      resourceId: string,
    ): Promise<ResourceInDataset & { versions: ResourceVersion[] }> {
      const found = await get(actor, resourceId);
      return { ...found, versions: await createResourceVersionsRepo(db).list(resourceId) };
    },

    /** For an upload whose request failed before any resource referenced it. */
    discardUpload: (upload: Pick<UploadedFile, 'sha256' | 'created'>) =>
      discardUpload(upload, { datasets: repo, blobs }),

    async create(actor: Actor, datasetReference: string, input: ResourceInput): Promise<ResourceInDataset> {
      const ref = await deps.datasets.editableRef(actor, datasetReference);
      return write(actor, ref.id, input, (existing) => ({
        position: existing.reduce((max, row) => Math.max(max, row.position + 1), 0),
        current: undefined,
      }));
    },

    /** Replaces the resource's fields; its file is kept when the input says "keep". */
    async update(actor: Actor, resourceId: string, input: ResourceInput): Promise<ResourceInDataset> {
      const { dataset } = await get(actor, resourceId);
      await deps.datasets.editableRef(actor, dataset.id);
      return write(actor, dataset.id, { ...input, id: resourceId }, (existing) => {
        const current = existing.find((row) => row.id === resourceId);
        return { position: current?.position ?? 0, current };
      });
    },

    async delete(actor: Actor, resourceId: string): Promise<void> {
      const { dataset } = await get(actor, resourceId);
      await deps.datasets.editableRef(actor, dataset.id);
      await db.transaction(async (tx) => {
        const txRepo = createDatasetRepo(tx);
        const keep = dataset.resources
          .filter((resource) => resource.id !== resourceId)
          .map((resource) => resource.id);
        await txRepo.deleteResourcesExcept(dataset.id, keep);
        await txRepo.refreshSearch([dataset.id]);
        await txRepo.touch(dataset.id);
        const [after] = await txRepo.load([dataset.id]);
        if (after) assertHarvestedFieldsKept(dataset, after);
        if (after)
          await createActivityRepo(tx).record(datasetActivity(actor, after, 'changed', ['resources']));
      });
      await deps.changed(dataset.id);
    },
  };
}

export type ResourceService = ReturnType<typeof createResourceService>;

async function checkIdFree(
  repo: DatasetRepo,
  issues: IssueCollector,
  datasetId: string,
  input: ResourceInput,
  existing: readonly ResourceRow[],
): Promise<void> {
  if (input.id === undefined || existing.some((row) => row.id === input.id)) return;
  const other = await repo.findResource(input.id);
  if (other && other.dataset_id !== datasetId) issues.add('id', 'id_taken', datasetMessages.idTaken());
}
