import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import type { Duck } from '../../../platform/duckdb/index.js';
import { createKeyedQueue } from '../../../platform/keyed-queue.js';
import type { Logger } from '../../../platform/log.js';
import { stableUuid } from '../../../platform/stable-uuid.js';
import { ANONYMOUS, SYSTEM } from '../../accounts/index.js';
import { type CatalogService, type DatasetInput, putPortalDataset } from '../../catalog/index.js';
import { downloadGuarded, inDirectory } from '../fetch-file.js';
import type { SchemaCatalogue } from '../schemas.service.js';
import { type ConsolidationInput, consolidateCsv, SOURCE_COLUMNS } from './consolidate.duckdb.js';
import type { EcosystemService } from './ecosystems.service.js';
import type { Consolidation, ConsolidationSource } from './ecosystems.types.js';

const MAX_SOURCE_BYTES = 500 * 1024 * 1024;
export const consolidationDatasetName = (ecosystem: string, schema: string) =>
  `table-consolidee-${ecosystem}-${schema}`.slice(0, 100);

/**
 * Consolidated tables: every public member file that declares one of an ecosystem's schemas,
 * merged into one CSV with source columns, published as a dataset of the lead organisation (so
 * it is previewed, queried and downloaded like any other), rebuilt when a member's file changes.
 */
export function createConsolidationService(deps: {
  duck: Duck;
  blobs: BlobStore;
  catalog: CatalogService;
  schemas: SchemaCatalogue;
  ecosystems: EcosystemService;
  dataDir: string;
  allowLoopback: boolean;
  maxUploadBytes: number;
  log: Logger;
}) {
  const { ecosystems, catalog } = deps;
  const repo = ecosystems.repo;
  const work = path.join(deps.dataDir, 'schemas', 'consolidation');
  const queue = createKeyedQueue();

  async function build(slug: string, schemaName: string): Promise<Consolidation | null> {
    const ecosystem = await ecosystems.get(slug);
    const shared = (await ecosystems.schemasOf(slug)).find((schema) => schema.name === schemaName);
    if (!shared) return null;
    const latest = await deps.schemas.version(schemaName, 'latest');
    const fields = latest.descriptor.fields.map((field) => field.name);
    // Public files only: the table is public.
    const files = await ecosystems.datasetsOf(ANONYMOUS, ecosystem, [shared]);
    const found = await Promise.all(files.map((file) => catalog.resources.get(ANONYMOUS, file.resourceId)));
    const versionOf = (i: number) => {
      const resource = found[i]?.resource;
      return resource?.upload?.sha256 ?? resource?.url ?? '';
    };
    const previous = await repo.consolidation(slug, schemaName);
    // Nothing to gather yet: no table (once published, an empty one stays at its address).
    if (!previous && files.length === 0) return null;
    const signature = files.map((file, i) => `${file.resourceId}:${versionOf(i)}`).sort();
    const before = previous
      ? [
          ...previous.sources.map((s) => `${s.resourceId}:${s.version}`),
          ...previous.skipped.map((s) => `${s.resourceId}:?`),
        ]
      : null;
    if (
      previous &&
      before &&
      previous.skipped.length === 0 &&
      before.sort().join('\n') === signature.join('\n') &&
      (await catalog.datasets.exists(previous.datasetId))
    )
      return previous;

    const lead = (await catalog.groups.findByIds([ecosystem.leadOrganizationId]))[0];
    if (!lead) return null;
    return inDirectory(work, async (directory) => {
      const inputs: ConsolidationInput[] = [];
      const skipped: Consolidation['skipped'] = [];
      for (const [i, file] of files.entries()) {
        const resource = found[i]?.resource;
        let local: string | null = null;
        try {
          if (resource?.upload) {
            local = deps.blobs.localPath(resource.upload.sha256);
            if (!local) {
              local = path.join(directory, `${i}.csv`);
              await pipeline(deps.blobs.read(resource.upload.sha256), createWriteStream(local));
            }
          } else if (resource?.url) {
            const folder = path.join(directory, String(i));
            await mkdir(folder);
            local = await downloadGuarded(resource.url, folder, {
              allowLoopback: deps.allowLoopback,
              maxBytes: MAX_SOURCE_BYTES,
            });
          }
        } catch (error) {
          const message = (error as Error).message;
          skipped.push({
            datasetId: file.datasetId,
            resourceId: file.resourceId,
            reason: { fr: `fichier illisible : ${message}`, en: `file not readable: ${message}` },
          });
          continue;
        }
        if (!local) continue;
        inputs.push({
          file: local,
          organization: file.organization.name,
          dataset: file.datasetName,
          resourceId: file.resourceId,
        });
      }
      const output = path.join(directory, 'consolidation.csv');
      const counts = await consolidateCsv(deps.duck, fields, inputs, output);
      const stored = await deps.blobs.put(createReadStream(output), { maxBytes: deps.maxUploadBytes });
      const sources: ConsolidationSource[] = files
        .map((file, i) => ({
          datasetId: file.datasetId,
          resourceId: file.resourceId,
          organizationId: file.organization.id,
          version: versionOf(i),
          rows: counts.get(file.resourceId) ?? 0,
          valid: file.valid,
        }))
        .filter((source) => !skipped.some((skip) => skip.resourceId === source.resourceId));
      const name = consolidationDatasetName(slug, schemaName);
      const resourceId = stableUuid('quai-consolidation', `${slug}/${schemaName}`);
      const rows = [...counts.values()].reduce((a, b) => a + b, 0);
      // One licence when every member file shares it; otherwise each row's source says which applies.
      const licences = new Set(found.map((entry) => entry?.dataset.licenseId ?? null));
      const licenseId = licences.size === 1 ? ([...licences][0] ?? null) : 'other-open';
      await putPortalDataset(
        catalog,
        SYSTEM,
        { name: lead.name, title: lead.title.fr },
        consolidatedDataset({
          name,
          slug,
          ecosystem: ecosystem.title,
          schema: shared,
          resourceId,
          lead: lead.name,
          stored,
          sources,
          licenseId,
        }),
      );
      const dataset = await catalog.datasets.get(SYSTEM, name);
      await repo.saveConsolidation({
        ecosystem: slug,
        schema: schemaName,
        datasetId: dataset.id,
        resourceId,
        rows,
        sources,
        skipped,
      });
      deps.log.info({ ecosystem: slug, schema: schemaName, rows, files: sources.length }, 'consolidated');
      return repo.consolidation(slug, schemaName);
    });
  }

  /** Rebuilds (when something changed) every consolidation of the ecosystems `organizationIds` belong to. */
  async function rebuildFor(organizationIds: readonly string[], alsoDataset: string | null) {
    const slugs = new Set<string>();
    for (const id of organizationIds)
      for (const slug of await ecosystems.forOrganization(id)) slugs.add(slug);
    for (const ecosystem of await ecosystems.list()) {
      const consolidations = await repo.consolidations(ecosystem.slug);
      if (alsoDataset && consolidations.some((c) => c.sources.some((s) => s.datasetId === alsoDataset)))
        slugs.add(ecosystem.slug);
    }
    for (const slug of slugs)
      for (const schema of await ecosystems.schemasOf(slug)) await consolidate(slug, schema.name);
  }

  const consolidate = (slug: string, schema: string) =>
    queue.run(`${slug}/${schema}`, () => build(slug, schema));

  return {
    consolidate,
    /** After a dataset was written (a file validated, a dataset made private or deleted). */
    async afterDataset(datasetId: string): Promise<void> {
      if ((await repo.consolidationDatasetIds()).includes(datasetId)) return;
      const dataset = await catalog.datasets.get(SYSTEM, datasetId).catch(() => null);
      await rebuildFor(dataset ? [dataset.organization.id] : [], datasetId);
    },
    async afterResource(resourceId: string): Promise<void> {
      const found = await catalog.resources.get(SYSTEM, resourceId).catch(() => null);
      if (found) await this.afterDataset(found.dataset.id);
    },
    async rebuildAll(): Promise<void> {
      for (const ecosystem of await ecosystems.list())
        for (const schema of await ecosystems.schemasOf(ecosystem.slug))
          await consolidate(ecosystem.slug, schema.name);
    },
    drain: () => queue.drain(),
  };
}

export type ConsolidationService = ReturnType<typeof createConsolidationService>;

function consolidatedDataset(input: {
  name: string;
  slug: string;
  ecosystem: { fr: string; en: string };
  schema: { name: string; title: { fr: string; en: string } };
  resourceId: string;
  lead: string;
  stored: { sha256: string; size: number; created: boolean };
  sources: ConsolidationSource[];
  licenseId: string | null;
}): DatasetInput {
  const { schema, ecosystem } = input;
  const columns = SOURCE_COLUMNS.join(', ');
  return {
    name: input.name,
    title: {
      fr: `${schema.title.fr} — table consolidée (écosystème ${ecosystem.fr})`,
      en: `${schema.title.en} — consolidated table (${ecosystem.en} ecosystem)`,
    },
    notes: {
      fr: `Les fichiers publics des membres de l’écosystème ${ecosystem.fr} qui suivent le schéma « ${schema.name} », réunis en une table (${input.sources.length} fichiers). Les valeurs sont telles qu’écrites par chaque membre ; les colonnes ${columns} disent d’où vient chaque ligne. Reconstruite à chaque nouvelle version d’un fichier membre.`,
      en: `The public files of the ${ecosystem.en} ecosystem's members that follow the "${schema.name}" schema, merged into one table (${input.sources.length} files). Values are as each member wrote them; the columns ${columns} say where each row comes from. Rebuilt whenever a member publishes a new version of a file.`,
    },
    ownerOrg: input.lead,
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: null,
    licenseId: input.licenseId,
    url: null,
    version: null,
    updateFrequency: 'irregular',
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: ['fr'],
    tags: ['table consolidée', `écosystème ${input.slug}`, schema.name],
    keywordsEn: ['consolidated table', schema.name],
    groups: [],
    extras: { consolidation: `${input.slug}/${schema.name}`, ecosystem: input.slug },
    resources: [
      {
        id: input.resourceId,
        url: null,
        name: { fr: `${schema.title.fr} (table consolidée)`, en: `${schema.title.en} (consolidated table)` },
        description: {
          fr: `Schéma ${schema.name}, plus les colonnes ${columns}.`,
          en: `Schema ${schema.name}, plus the columns ${columns}.`,
        },
        format: 'CSV',
        mimetype: 'text/csv',
        resourceType: null,
        extras: { consolidation: `${input.slug}/${schema.name}` },
        upload: {
          sha256: input.stored.sha256,
          size: input.stored.size,
          created: input.stored.created,
          filename: `${input.name}.csv`,
          mimetype: 'text/csv',
        },
      },
    ],
  };
}
