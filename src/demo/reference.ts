import type { Context } from '../context.js';
import { builtinSnapshots, fictitiousMunicipalities } from '../modules/reference/index.js';

/**
 * The reference sets' first versions (2016 files, the 17 regions, ISO countries), then the
 * municipalities' second version — FICTITIOUS, marked so everywhere — to show versions,
 * successors and retirements.
 */
export async function loadReferenceDemo(ctx: Context): Promise<void> {
  const snapshots = await builtinSnapshots();
  for (const snapshot of snapshots) await ctx.reference.publishing.publish(snapshot, { by: 'demo' });
  const municipalities = snapshots.find((snapshot) => snapshot.set === 'municipalites');
  if (municipalities)
    await ctx.reference.publishing.publish(fictitiousMunicipalities(municipalities), { by: 'demo' });
}
