import { createHash } from 'node:crypto';
import { isUniqueViolation } from '../../platform/db/index.js';
import { ValidationError } from '../../platform/http/errors.js';
import { stableUuid } from '../../platform/stable-uuid.js';
import { slugify } from '../../platform/validation.js';
import { SYSTEM } from '../accounts/index.js';
import { type CatalogService, type Dataset, type DatasetInput, findLanguage } from '../catalog/index.js';
import type { HarvestRepo, PendingItem } from './harvest.repo.js';
import type { HarvestedDataset, HarvestSource, ItemAction } from './harvest.types.js';
import { matchLicense } from './readers/common.js';
import type { Reader } from './readers/reader.js';
import { mappedThemes, type ThemeIndex } from './themes.js';

export interface Outcome {
  action: ItemAction;
  reason: string | null;
  datasetId: string | null;
}

export interface ApplyDeps {
  repo: HarvestRepo;
  catalog: CatalogService;
  source: HarvestSource;
  reader: Reader;
  runId: string;
  dryRun: boolean;
  /** The portal's themes, to map the upstream ones. */
  themes: ThemeIndex;
}

/** The same record always hashes the same (keys sorted), with what the source adds to it. */
export function contentHash(record: HarvestedDataset, source: HarvestSource): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, inner]) => [key, sorted(inner)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify([sorted(record), source.organizationId, source.licenseDefault, source.title]))
    .digest('hex');
}

/**
 * What one upstream dataset does to the catalogue: created, updated, unchanged, restored, or
 * merged into the dataset another source already brought (decision 0027). A dry run decides the
 * same and writes nothing.
 */
export async function applyItem(deps: ApplyDeps, item: PendingItem): Promise<Outcome> {
  const { repo, catalog, source, runId, dryRun } = deps;
  if (!item.record && item.reason) return { action: 'error', reason: item.reason, datasetId: null };
  const stored = await repo.findRecord(source.id, item.upstreamId);
  let record = item.record;
  if (!record) {
    // Listed, not modified since the last complete run.
    if (stored && !stored.withdrawnAt) {
      if (!dryRun) await repo.touchRecord(stored.id, runId);
      return {
        action: stored.mergedReason ? 'merged' : 'unchanged',
        reason: stored.mergedReason,
        datasetId: stored.datasetId,
      };
    }
    if (!deps.reader.fetchOne)
      return { action: 'error', reason: 'listed upstream but never read', datasetId: null };
    record = await deps.reader.fetchOne(item.upstreamId);
  }
  const hash = contentHash(record, source);
  const current = stored
    ? ((await catalog.datasets.loadMany([stored.datasetId]))[0] ?? null)
    : ((await catalog.datasets.loadMany([datasetIdFor(source, item.upstreamId)]))[0] ?? null);

  if (current) {
    const authority = current.origins.find((origin) => origin.authoritative);
    if (authority && authority.sourceId !== source.id && stored?.mergedReason) {
      if (!dryRun) await writeRecord(deps, item, record, current.id, hash, stored.mergedReason);
      return { action: 'merged', reason: stored.mergedReason, datasetId: current.id };
    }
    const withdrawn = stored?.withdrawnAt != null;
    if (!withdrawn && stored?.contentHash === hash && current.state !== 'deleted') {
      if (!dryRun) await repo.touchRecord(stored.id, runId);
      return { action: 'unchanged', reason: null, datasetId: current.id };
    }
    if (!withdrawn && current.state === 'deleted')
      // Deleted here by a person: the harvest does not bring it back.
      return { action: 'unchanged', reason: 'deleted on the portal', datasetId: current.id };
    if (dryRun) return { action: withdrawn ? 'restored' : 'updated', reason: null, datasetId: current.id };
    if (withdrawn && current.state === 'deleted') await catalog.datasets.restore(SYSTEM, current.id);
    await catalog.datasets.update(SYSTEM, current.id, toInput(record, source, current, deps.themes), {
      origin: originOf(deps, item, record, null),
    });
    await writeRecord(deps, item, record, current.id, hash, null);
    return { action: withdrawn ? 'restored' : 'updated', reason: null, datasetId: current.id };
  }

  const duplicate = await catalog.origins.findDuplicate({
    exceptSourceId: source.id,
    identifiers: [record.identifier],
    landingPage: record.landingPage,
    resourceUrls: record.resources.map((resource) => resource.url),
  });
  if (duplicate) {
    const reason = `same ${duplicate.reason.replace('_', ' ')} as a dataset another source brought`;
    if (!dryRun) await writeRecord(deps, item, record, duplicate.datasetId, hash, reason);
    return { action: 'merged', reason, datasetId: duplicate.datasetId };
  }
  if (dryRun) return { action: 'created', reason: null, datasetId: null };
  const id = datasetIdFor(source, item.upstreamId);
  const input = toInput(record, source, null, deps.themes);
  await createWithFreeName(catalog, { ...input, id }, record, source, originOf(deps, item, record, null));
  await writeRecord(deps, item, record, id, hash, null);
  return { action: 'created', reason: null, datasetId: id };
}

/** A harvested dataset's id: the same upstream dataset of the same source is always the same. */
export function datasetIdFor(source: HarvestSource, upstreamId: string): string {
  return stableUuid(`harvest:${source.id}`, upstreamId);
}

/** Where the dataset comes from, as the catalogue keeps it. */
function originOf(deps: ApplyDeps, item: PendingItem, record: HarvestedDataset, mergedReason: string | null) {
  return {
    sourceId: deps.source.id,
    sourceTitle: deps.source.title,
    sourceUrl: deps.source.url,
    upstreamIdentifier: record.identifier,
    upstreamUrl: record.upstreamUrl,
    authoritative: mergedReason === null,
    recordId: recordIdFor(deps, item),
  };
}

const recordIdFor = (deps: ApplyDeps, item: PendingItem) =>
  stableUuid(`harvest-record:${deps.source.id}`, item.upstreamId);

/** Keeps the record; a merged one also adds its source to the dataset's origins. */
async function writeRecord(
  deps: ApplyDeps,
  item: PendingItem,
  record: HarvestedDataset,
  datasetId: string,
  hash: string,
  mergedReason: string | null,
): Promise<void> {
  const { repo, catalog, source, runId } = deps;
  const recordId = recordIdFor(deps, item);
  await repo.putRecord({
    id: recordId,
    sourceId: source.id,
    upstreamId: item.upstreamId,
    datasetId,
    upstreamUrl: record.upstreamUrl,
    upstreamModified: item.upstreamModified,
    contentHash: hash,
    mergedReason,
    runId,
  });
  if (mergedReason !== null) await catalog.origins.put(datasetId, originOf(deps, item, record, mergedReason));
}

/** Creates the dataset under its upstream name, or that name with the source's when taken. */
async function createWithFreeName(
  catalog: CatalogService,
  input: DatasetInput,
  record: HarvestedDataset,
  source: HarvestSource,
  origin: ReturnType<typeof originOf>,
): Promise<void> {
  const base =
    slugify(record.name ?? record.title.fr ?? record.title.en ?? record.identifier).slice(0, 80) || 'jeu';
  const candidates = [
    base,
    `${base}-${source.name}`.slice(0, 100),
    `${base}-${(input.id ?? '').slice(0, 8)}`,
  ];
  for (const name of candidates) {
    try {
      await catalog.datasets.create(SYSTEM, { ...input, name }, { origin });
      return;
    } catch (error) {
      const taken =
        (error instanceof ValidationError && error.issues.some((issue) => issue.path === 'name')) ||
        isUniqueViolation(error);
      if (!taken || name === candidates.at(-1)) throw error;
    }
  }
}

/**
 * The catalogue's fields from an upstream dataset. The portal's own stay: themes, extras it added,
 * whether it is private, the resources' extras (a declared schema). Upstream themes and groups
 * that match a theme here (by name, title or EU data-theme code) are added to its themes.
 */
export function toInput(
  record: HarvestedDataset,
  source: HarvestSource,
  current: Dataset | null,
  themes: ThemeIndex = new Map(),
): DatasetInput {
  const title = record.title.fr ?? record.title.en ?? record.identifier;
  const kept = new Map((current?.resources ?? []).map((resource) => [resource.url, resource]));
  const seen = new Set<string>();
  return {
    name: current?.name ?? '',
    title: { fr: title, en: record.title.en },
    notes: record.notes,
    ownerOrg: source.organizationId,
    private: current?.private ?? false,
    author: record.author,
    authorEmail: record.authorEmail,
    maintainer: record.maintainer,
    maintainerEmail: record.maintainerEmail,
    licenseId: matchLicense(record.license) ?? source.licenseDefault,
    url: record.landingPage,
    version: record.version,
    updateFrequency: record.updateFrequency,
    temporalStart: record.temporalStart,
    temporalEnd: record.temporalEnd,
    bbox: record.bbox,
    languages: record.languages.filter((code) => findLanguage(code) !== null),
    tags: record.tags,
    keywordsEn: record.keywordsEn,
    groups: [
      ...new Set([
        ...(current?.groups ?? []).map((group) => group.id),
        ...mappedThemes(themes, record.groups),
      ]),
    ],
    extras: { ...(current?.extras ?? {}), ...record.extras },
    resources: record.resources.slice(0, 1000).flatMap((resource) => {
      if (seen.has(resource.url)) return [];
      seen.add(resource.url);
      const existing = kept.get(resource.url);
      return [
        {
          id:
            existing?.id ??
            stableUuid(`harvest-resource:${source.id}`, `${record.identifier} ${resource.url}`),
          url: resource.url,
          name: resource.name,
          description: resource.description,
          format: resource.format,
          mimetype: resource.mimetype,
          resourceType: null,
          extras: existing?.extras ?? {},
          upload: null,
        },
      ];
    }),
  };
}
