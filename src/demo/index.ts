import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { type Actor, SYSTEM } from '../modules/accounts/index.js';
import { type ResourceInput, SPATIAL_PLACE_EXTRA } from '../modules/catalog/index.js';
import { cultureDatasets } from './catalogue-culture.js';
import { environmentDatasets } from './catalogue-environment.js';
import { montrealDatasets } from './catalogue-montreal.js';
import { quebecAndSherbrookeDatasets } from './catalogue-quebec-sherbrooke.js';
import { referenceDatasets } from './catalogue-reference.js';
import { transportDatasets } from './catalogue-transport.js';
import { loadCommunityDemo, loadFollowsDemo, loadReusesDemo } from './community.js';
import { describeDemoTables } from './dictionaries.js';
import { loadDiscussionsDemo } from './discussions.js';
import { loadEcosystemsDemo } from './ecosystems.js';
import { loadHarvestDemo } from './harvest.js';
import { loadPipelineDemo } from './pipeline.js';
import { generateProcesses } from './procurement-generator.js';
import { type DemoDataset, type DemoResource, ORGANIZATIONS, THEMES, USERS } from './publishers.js';
import { loadIntegrityDemo, loadReferenceDemo } from './reference.js';
import { peopleStatements } from './registry/people.js';
import { writeEditions } from './registry/write-edition.js';
import { loadSchemasDemo } from './schemas.js';

/** Every demo dataset, in the order they are created. */
export function demoDatasets(): DemoDataset[] {
  return [
    ...referenceDatasets(),
    ...environmentDatasets(),
    ...transportDatasets(),
    ...montrealDatasets(),
    ...quebecAndSherbrookeDatasets(),
    ...cultureDatasets(),
  ];
}

/**
 * On start: the demo catalogue goes into an empty database when DEMO_CONTENT is "always", or
 * "auto" on the embedded database (a fresh `npm start`). PostgreSQL stays empty unless asked.
 */
export async function loadDemoContentIfWanted(ctx: Context): Promise<{ datasets: number } | null> {
  const mode = ctx.config.demoContent;
  if (mode === 'never' || (mode === 'auto' && ctx.db.engine !== 'pglite')) return null;
  return loadDemoContent(ctx);
}

/**
 * Loads the demo organisations, themes, accounts and datasets. Each step is skipped when already
 * done, so a load cut halfway completes on the next start; a catalogue holding any organisation
 * that is not a demo one is never touched.
 */
export async function loadDemoContent(ctx: Context): Promise<{ datasets: number } | null> {
  const demoNames = new Set(ORGANIZATIONS.map((organization) => organization.name));
  const existing = await ctx.catalog.groups.list(SYSTEM, 'organization', {
    names: null,
    sort: 'name',
    direction: 'asc',
    limit: null,
    offset: 0,
  });
  if (existing.some((listing) => !demoNames.has(listing.group.name))) return null;

  for (const organization of ORGANIZATIONS) {
    if (await ctx.catalog.groups.find('organization', organization.name)) continue;
    await ctx.catalog.groups.create(SYSTEM, 'organization', {
      ...organization,
      imageUrl: null,
      euTheme: null,
      extras: {},
    });
  }
  for (const theme of THEMES) {
    if (await ctx.catalog.groups.find('group', theme.name)) continue;
    await ctx.catalog.groups.create(SYSTEM, 'group', {
      ...theme,
      euTheme: theme.euTheme ?? null,
      imageUrl: null,
      extras: {},
    });
  }
  for (const user of USERS) {
    if (await ctx.accounts.findUser(user.name)) continue;
    await ctx.accounts.createUser(SYSTEM, { ...user, about: null });
    for (const membership of user.memberships) {
      const organization = await ctx.catalog.groups.require('organization', membership.organization);
      await ctx.accounts.setMembership(SYSTEM, {
        organizationId: organization.id,
        user: user.name,
        role: membership.role,
      });
    }
  }

  // Datasets are published by the demo editor, so their history names a person.
  const publisher: Actor = await ctx.accounts.actorForUser(await ctx.accounts.requireUser('editeur-demo'));
  const datasets = demoDatasets();
  let created = 0;
  for (const dataset of datasets) {
    if (await ctx.catalog.datasets.exists(dataset.name)) continue;
    const resources = await Promise.all(
      dataset.resources.map((resource) => resourceInput(ctx, { ...resource, ...resource.earlier })),
    );
    const made = await ctx.catalog.datasets.create(publisher, {
      name: dataset.name,
      title: dataset.title,
      notes: dataset.notes,
      ownerOrg: dataset.organization,
      private: dataset.private ?? false,
      state: dataset.draft ? 'draft' : 'active',
      author: null,
      authorEmail: null,
      maintainer: dataset.maintainer,
      maintainerEmail: dataset.maintainerEmail,
      licenseId: dataset.license,
      url: null,
      version: null,
      updateFrequency: dataset.frequency,
      temporalStart: dataset.temporal?.[0] ?? null,
      temporalEnd: dataset.temporal?.[1] ?? null,
      bbox: dataset.bbox ?? null,
      languages: ['fr'],
      tags: dataset.tags,
      keywordsEn: dataset.keywordsEn,
      groups: dataset.groups,
      extras: dataset.place ? { [SPATIAL_PLACE_EXTRA]: dataset.place } : {},
      resources,
    });
    // A file replaced by a newer edition: the earlier one stays in the resource's history.
    for (const [index, resource] of dataset.resources.entries()) {
      const id = made.resources[index]?.id;
      if (resource.earlier && id)
        await ctx.catalog.resources.update(publisher, id, await resourceInput(ctx, resource));
    }
    created++;
  }
  await describeDemoTables(ctx, publisher, datasets);
  await loadPipelineDemo(ctx, publisher);
  await loadProcurementDemo(ctx);
  await loadRegistryDemo(ctx);
  await loadReferenceDemo(ctx);
  await loadIntegrityDemo(ctx, publisher);
  await loadSchemasDemo(ctx);
  await loadEcosystemsDemo(ctx, publisher);
  await loadHarvestDemo(ctx);
  await loadCommunityDemo(ctx);
  await loadFollowsDemo(ctx);
  await loadReusesDemo(ctx);
  await loadDiscussionsDemo(ctx);
  return created > 0 ? { datasets: created } : null;
}

/** Two fictitious editions of the business registry (3,000 enterprises): search, pages, changes. */
async function loadRegistryDemo(ctx: Context): Promise<void> {
  if (await ctx.registry.service.currentEdition()) return;
  const directory = path.join(ctx.config.dataDir, 'registry', 'demo-editions');
  const editions = await writeEditions({ seed: 2026, enterprises: 3000, churn: 3 }, 2, directory);
  for (const edition of editions) await ctx.registry.imports.importEdition(edition.zip);
  await rm(directory, { recursive: true, force: true });
  // People of the first hundred registered enterprises (fictitious, with the private details the
  // portal must never show).
  const { hits } = await ctx.registry.service.search({
    q: '',
    filters: {
      status: ['IM'],
      legalForm: [],
      municipality: null,
      activity: null,
      registeredFrom: null,
      registeredTo: null,
    },
    limit: 100,
    offset: 0,
    count: false,
  });
  const last = editions[editions.length - 1];
  await ctx.registry.persons.importBods(
    SYSTEM,
    peopleStatements(
      hits.map((hit) => hit.neq),
      2026,
      last?.date ?? '2026-01-16',
    ),
  );
}

/** Fictitious contracting processes of the last ten months: some tenders are open today. */
async function loadProcurementDemo(ctx: Context): Promise<void> {
  const { releases } = await ctx.procurement.publication.counts();
  if (releases > 0) return;
  const now = Date.now();
  const options = {
    ocidPrefix: ctx.config.ocdsOcidPrefix,
    seed: 2026,
    from: now - 300 * 86_400_000,
    to: now,
    now,
    lifecycle: 'realistic' as const,
  };
  const generated = [...generateProcesses(options, 1, 400)].flat();
  await ctx.procurement.imports.importReleases(SYSTEM, generated);
}

async function resourceInput(ctx: Context, resource: DemoResource): Promise<ResourceInput> {
  const base = {
    name: resource.name,
    description: resource.description ?? { fr: null, en: null },
    format: resource.format ?? null,
    mimetype: null,
    resourceType: null,
    extras: {},
  };
  if (!resource.content || !resource.filename) return { ...base, url: resource.url ?? null, upload: null };
  const stored = await ctx.blobs.put(Readable.from([Buffer.from(resource.content(), 'utf8')]), {
    maxBytes: ctx.config.maxUploadBytes,
  });
  return { ...base, url: null, upload: { ...stored, filename: resource.filename, mimetype: null } };
}
