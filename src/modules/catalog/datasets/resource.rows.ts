import { randomUUID } from 'node:crypto';
import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import type { ResourceInput, UploadedFile } from '../catalog.types.js';
import { findFormat, guessFormat } from '../vocabularies/formats.js';
import type { DatasetRepo } from './dataset.repo.js';
import type { ResourceRow } from './dataset.rows.js';
import { type createResourceVersionsRepo, fileReplaced } from './resource-versions.repo.js';

type ResourceVersionsRepo = ReturnType<typeof createResourceVersionsRepo>;

/** The row for a resource input; `existing` is the stored resource with the same id, if any. */
export function resourceRowFor(
  datasetId: string,
  position: number,
  input: ResourceInput,
  existing: ResourceRow | undefined,
): ResourceRow {
  const now = new Date();
  const file = fileOf(input, existing);
  const format =
    findFormat(input.format)?.label ??
    input.format ??
    guessFormat(file?.filename ?? input.url ?? '')?.label ??
    null;
  const newFile = input.upload !== null && input.upload !== 'keep';
  return {
    id: input.id ?? randomUUID(),
    dataset_id: datasetId,
    position,
    url: file ? null : input.url,
    blob_sha256: file?.sha256 ?? null,
    filename: file?.filename ?? null,
    name_fr: input.name.fr ?? (newFile ? (file?.filename ?? null) : null),
    name_en: input.name.en,
    description_fr: input.description.fr,
    description_en: input.description.en,
    format,
    mimetype: input.mimetype ?? findFormat(format)?.mediaType ?? file?.mimetype ?? null,
    size: file?.size ?? null,
    resource_type: input.resourceType,
    extras: input.extras,
    state: 'active',
    created: existing?.created ?? now,
    last_modified: newFile ? now : (existing?.last_modified ?? null),
    metadata_modified: now,
  };
}

function fileOf(input: ResourceInput, existing: ResourceRow | undefined) {
  if (input.upload === 'keep') {
    if (!existing?.blob_sha256 || !existing.filename) return null;
    const size = existing.size === null ? null : Number(existing.size);
    return { sha256: existing.blob_sha256, filename: existing.filename, size, mimetype: existing.mimetype };
  }
  return input.upload;
}

/** The files newly uploaded for this write. */
export function newUploads(resources: readonly ResourceInput[] | undefined): UploadedFile[] {
  return (resources ?? []).flatMap((resource) =>
    resource.upload !== null && resource.upload !== 'keep' ? [resource.upload] : [],
  );
}

/**
 * Runs a write that may reference freshly uploaded files. When it fails, the files it brought
 * (and that nothing else references) are removed, so a failed write leaves nothing behind.
 */
export async function withUploadCleanup<T>(
  uploads: readonly UploadedFile[],
  deps: { datasets: DatasetRepo; blobs: BlobStore },
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    for (const upload of uploads) await discardUpload(upload, deps);
    throw error;
  }
}

/** Removes a file brought by a failed request, unless it was already stored or is now in use. */
export async function discardUpload(
  upload: Pick<UploadedFile, 'sha256' | 'created'>,
  deps: { datasets: DatasetRepo; blobs: BlobStore },
): Promise<void> {
  if (upload.created && !(await deps.datasets.blobInUse(upload.sha256)))
    await deps.blobs.delete(upload.sha256);
}

/** The ids of the dataset's resources whose file can be kept by a "keep" upload. */
export function uploadIds(rows: readonly ResourceRow[]): Set<string> {
  return new Set(
    rows.filter((row) => row.blob_sha256 !== null && row.state === 'active').map((row) => row.id),
  );
}

/**
 * Writes the resource list of a dataset: upserts the given ones in order, deletes the others.
 * A resource given another file or link keeps the one it had as an earlier version.
 */
export async function syncResources(
  { datasets, versions }: { datasets: DatasetRepo; versions: ResourceVersionsRepo },
  datasetId: string,
  resources: readonly ResourceInput[],
  existing: readonly ResourceRow[],
  replacedBy: string | null,
): Promise<void> {
  const byId = new Map(existing.map((row) => [row.id, row]));
  const kept: string[] = [];
  for (const [position, resource] of resources.entries()) {
    const current = resource.id === undefined ? undefined : byId.get(resource.id);
    const row = resourceRowFor(datasetId, position, resource, current);
    if (fileReplaced(current, row)) await versions.keep(current, replacedBy);
    await datasets.upsertResource(row);
    kept.push(row.id);
  }
  await datasets.deleteResourcesExcept(datasetId, kept);
}
