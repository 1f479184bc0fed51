import { parseArgs } from 'node:util';
import type { Context } from './context.js';
import {
  builtinSnapshots,
  readMapping,
  STATE_MAPPINGS,
  snapshotFromCsv,
  TRANSACTION_MAPPINGS,
} from './modules/reference/index.js';

/** `quai reference load`: the sets' first versions from the files kept in the repository. */
export async function loadReference(ctx: Context): Promise<void> {
  for (const snapshot of await builtinSnapshots()) {
    const { published, version } = await ctx.reference.publishing.publish(snapshot, { by: 'cli' });
    console.log(
      `${version}: ${published ? `published (${snapshot.entities.length} entities)` : 'already published'}`,
    );
  }
}

/**
 * `quai reference import <set> <state.csv> --label L --date D [--mapping mamh|d001|file.json]
 * [--transactions d002.csv --transactions-mapping d002|file.json] [--url U] [--licence L]
 * [--override "reason"]`: a new version of a set from upstream files.
 */
export async function importReference(ctx: Context, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      label: { type: 'string' },
      date: { type: 'string' },
      mapping: { type: 'string', default: 'mamh' },
      transactions: { type: 'string' },
      'transactions-mapping': { type: 'string', default: 'd002' },
      url: { type: 'string', default: 'https://www.donneesquebec.ca/' },
      licence: { type: 'string', default: 'CC-BY-4.0' },
      override: { type: 'string' },
    },
  });
  const [set, file] = positionals;
  if (!set || !file || !values.label || !values.date)
    throw new Error('reference import needs <set> <state.csv> --label <version> --date <YYYY-MM-DD>');
  const snapshot = await snapshotFromCsv({
    set,
    label: values.label,
    referenceDate: values.date,
    state: {
      file,
      mapping: await readMapping(values.mapping, STATE_MAPPINGS),
      url: values.url,
      licence: values.licence,
    },
    ...(values.transactions
      ? {
          transactions: {
            file: values.transactions,
            mapping: await readMapping(values['transactions-mapping'], TRANSACTION_MAPPINGS),
            url: values.url,
            licence: values.licence,
          },
        }
      : {}),
  });
  const result = await ctx.reference.publishing.publish(snapshot, {
    by: 'cli',
    ...(values.override ? { override: { reason: values.override } } : {}),
  });
  console.log(`${result.version}: ${result.published ? 'published' : 'already published'}`);
}
