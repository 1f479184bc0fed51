import { readFile } from 'node:fs/promises';
import type { Context } from '../context.js';
import { SYSTEM } from '../modules/accounts/index.js';

const SOURCE = 'gatineau-donnees-ouvertes';
const URL_ = 'https://donnees.gatineau.example/data.json';

/**
 * A harvested partner: the Ville de Gatineau's (fictitious) portal publishes a data.json, which a
 * harvest source reads into its organisation — tested first, then run. The portal being
 * fictitious, its answer is a recording kept with the demo (src/demo/data/gatineau-data.json);
 * the run is otherwise a real one, and its datasets show where they come from.
 */
export async function loadHarvestDemo(ctx: Context): Promise<void> {
  if ((await ctx.harvest.sources.list(SYSTEM)).some((source) => source.name === SOURCE)) return;
  await ctx.harvest.sources.create(SYSTEM, {
    name: SOURCE,
    title: 'Ville de Gatineau — données ouvertes (data.json)',
    organization: 'ville-de-gatineau',
    kind: 'dcat-us',
    url: URL_,
    schedule: null,
    filters: {},
    licenseDefault: 'cc-by',
  });
  const body = await readFile(new URL('./data/gatineau-data.json', import.meta.url), 'utf8');
  const recordings = { [URL_]: { contentType: 'application/json', body } };
  await ctx.harvest.replay(SYSTEM, SOURCE, { dryRun: true, recordings });
  await ctx.harvest.replay(SYSTEM, SOURCE, { dryRun: false, recordings });
}
