import type { Context } from '../src/context.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import type { Dataset, ResourceInput } from '../src/modules/catalog/index.js';

/** A dataset of one resource in the "banc" organisation (created on first use): what datastore benches load. */
export async function benchDataset(
  ctx: Context,
  name: string,
  resource: Omit<ResourceInput, 'name' | 'description' | 'extras' | 'resourceType'>,
): Promise<Dataset> {
  if (!(await ctx.catalog.groups.find('organization', 'banc'))) {
    await ctx.catalog.groups.create(SYSTEM, 'organization', {
      name: 'banc',
      title: { fr: 'Banc d’essai', en: 'Benchmark' },
      description: { fr: null, en: null },
      imageUrl: null,
      euTheme: null,
      extras: {},
    });
  }
  return ctx.catalog.datasets.create(SYSTEM, {
    name,
    title: { fr: name, en: null },
    notes: { fr: null, en: null },
    ownerOrg: 'banc',
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: null,
    licenseId: null,
    url: null,
    version: null,
    updateFrequency: null,
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: ['fr'],
    tags: [],
    keywordsEn: [],
    groups: [],
    extras: {},
    resources: [
      {
        ...resource,
        name: { fr: name, en: null },
        description: { fr: null, en: null },
        resourceType: null,
        extras: {},
      },
    ],
  });
}

/** The resource of a CSV file stored in the blob store, for benchDataset. */
export function storedCsv(
  blob: { sha256: string; size: number; created: boolean },
  filename: string,
): Omit<ResourceInput, 'name' | 'description' | 'extras' | 'resourceType'> {
  return {
    url: null,
    format: 'CSV',
    mimetype: 'text/csv',
    upload: { sha256: blob.sha256, size: blob.size, filename, mimetype: 'text/csv', created: blob.created },
  };
}
