import { createHash } from 'node:crypto';
import { stableUuid } from '../../platform/stable-uuid.js';
import { slugify } from '../../platform/validation.js';
import { SYSTEM } from '../accounts/index.js';
import { type CatalogService, type Dataset, type DatasetInput, findLanguage } from '../catalog/index.js';
import type { FetchLimits } from './fetch.js';
import { settleAll } from './files.js';
import type { HarvestRepo, PendingItem } from './harvest.repo.js';
import type { HarvestedDataset, HarvestSource, ItemAction } from './harvest.types.js';
import { MIRRORED_FROM, type Mirrored, mirrorFiles } from './mirror.js';
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
  /** How files are fetched when the source mirrors them. */
  limits: FetchLimits;
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
    const mirrored = await mirrorOf(deps, record, current);
    await settleAll(catalog, mirrored?.uploads ?? [], () =>
      catalog.datasets.update(SYSTEM, current.id, toInput(record, source, current, deps.themes, mirrored), {
        origin: originOf(deps, item, record, null),
      }),
    );
    await writeRecord(deps, item, record, current.id, hash, null);
    return {
      action: withdrawn ? 'restored' : 'updated',
      reason: problemsOf(mirrored),
      datasetId: current.id,
    };
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
  const mirrored = await mirrorOf(deps, record, null);
  const input = toInput(record, source, null, deps.themes, mirrored);
  await settleAll(catalog, mirrored?.uploads ?? [], () =>
    createWithFreeName(catalog, { ...input, id }, record, source, originOf(deps, item, record, null)),
  );
  await writeRecord(deps, item, record, id, hash, null);
  return { action: 'created', reason: problemsOf(mirrored), datasetId: id };
}

/** The dataset's files copied here, when its source mirrors them. */
const mirrorOf = (deps: ApplyDeps, record: HarvestedDataset, current: Dataset | null) =>
  deps.source.mirror ? mirrorFiles({ catalog: deps.catalog, limits: deps.limits }, record, current) : null;

const problemsOf = (mirrored: Mirrored | null) =>
  mirrored && mirrored.problems.length > 0 ? mirrored.problems.join('; ').slice(0, 2000) : null;

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
  // The first free name is chosen before writing: a failed create would remove the files it
  // was given (copies of a mirrored source's files) before a retry could use them.
  const name = (
    await Promise.all(candidates.map(async (name) => ((await catalog.datasets.exists(name)) ? null : name)))
  ).find((name) => name !== null);
  await catalog.datasets.create(
    SYSTEM,
    { ...input, name: name ?? (candidates.at(-1) as string) },
    { origin },
  );
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
  mirrored: Mirrored | null = null,
): DatasetInput {
  const title = record.title.fr ?? record.title.en ?? record.identifier;
  // A resource here is the upstream one with the same address, or the copy of its file.
  const kept = new Map(
    (current?.resources ?? []).map((resource) => [resource.extras[MIRRORED_FROM] ?? resource.url, resource]),
  );
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
      // A copy that could not be refreshed this time is kept rather than turned back into a link.
      const file =
        mirrored?.files.get(resource.url) ??
        (mirrored && existing?.upload && existing.extras[MIRRORED_FROM]
          ? { upload: 'keep' as const, extras: existing.extras }
          : undefined);
      const {
        [MIRRORED_FROM]: _from,
        harvest_etag,
        harvest_last_modified,
        ...local
      } = existing?.extras ?? {};
      return [
        {
          id:
            existing?.id ??
            stableUuid(`harvest-resource:${source.id}`, `${record.identifier} ${resource.url}`),
          url: file ? null : resource.url,
          name: resource.name,
          description: resource.description,
          format: resource.format,
          mimetype: resource.mimetype,
          resourceType: null,
          extras: { ...local, ...(file?.extras ?? {}) },
          upload: file?.upload ?? null,
        },
      ];
    }),
  };
}
