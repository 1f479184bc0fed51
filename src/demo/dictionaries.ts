import type { Context } from '../context.js';
import type { Actor } from '../modules/accounts/index.js';
import type { DemoDataset } from './publishers.js';

/**
 * Describes the columns of the demo files that carry a data dictionary, once their tables are
 * loaded (the loads run as jobs: each is waited for). Saving the same descriptions again changes
 * nothing, so a demo load cut halfway completes on the next start.
 */
export async function describeDemoTables(
  ctx: Context,
  publisher: Actor,
  datasets: DemoDataset[],
): Promise<void> {
  for (const demo of datasets) {
    const described = demo.resources.filter((resource) => resource.dictionary);
    if (described.length === 0) continue;
    const dataset = await ctx.catalog.datasets.get(publisher, demo.name);
    for (const resource of described) {
      const found = dataset.resources.find((r) => r.name.fr === resource.name.fr);
      if (!found || !resource.dictionary) continue;
      if ((await ctx.datastore.ingest.settled(found.id)).state !== 'done') continue;
      await ctx.datastore.dictionary.update(
        publisher,
        found.id,
        Object.entries(resource.dictionary).map(([id, description]) => ({
          id,
          label: {},
          description,
          type: 'auto',
        })),
      );
    }
  }
}
