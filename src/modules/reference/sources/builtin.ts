import type { Snapshot } from '../reference.types.js';
import { census2016 } from './census-2016.js';
import { isoCountries } from './countries.js';
import { regions } from './regions.js';

/** The sets' first versions from the files kept in the repository, in the order links need. */
export async function builtinSnapshots(): Promise<Snapshot[]> {
  const census = await census2016();
  return [regions(), census.mrc, census.municipalities, isoCountries()];
}
