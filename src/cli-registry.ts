import { parseArgs } from 'node:util';
import type { Context } from './context.js';
import { writeEditions } from './demo/registry/write-edition.js';

/** quai registry generate: successive fictitious editions in the Registraire's exact format. */
export async function generateRegistry(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      enterprises: { type: 'string', default: '10000' },
      editions: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      churn: { type: 'string', default: '1' },
    },
  });
  const directory = positionals[0];
  const enterprises = Number(values.enterprises);
  const editions = Number(values.editions);
  const seed = Number(values.seed);
  const churn = Number(values.churn);
  if (!directory) throw new Error('registry generate needs a directory');
  if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 50_000_000)
    throw new Error('--enterprises: a whole number from 1 to 50,000,000');
  if (!Number.isInteger(editions) || editions < 1 || editions > 48)
    throw new Error('--editions: from 1 to 48');
  if (!Number.isInteger(seed)) throw new Error('--seed: a whole number');
  if (!(churn >= 0 && churn <= 50)) throw new Error('--churn: from 0 to 50');
  const written = await writeEditions({ seed, enterprises, churn }, editions, directory);
  for (const edition of written) {
    console.log(
      `${edition.zip}: ${edition.enterprises} enterprises, ${edition.changes.length} changes since the edition before`,
    );
  }
}

/** quai registry import: one edition's ZIP, compared with the current edition, then swapped in. */
export async function importRegistry(ctx: Context, args: string[]): Promise<boolean> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'published-on': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('registry import needs a ZIP file');
  const publishedOn = values['published-on'];
  const edition = await ctx.registry.imports.importEdition(file, publishedOn ? { publishedOn } : {});
  if (edition.state === 'failed') {
    console.error(`Edition refused: ${edition.error?.message.en ?? ''}`);
    return false;
  }
  const counts = edition.counts ?? {};
  console.log(
    `Edition of ${edition.publishedOn} in place: ${counts.enterprises ?? 0} enterprises, ${counts.names ?? 0} names, ${counts.changes ?? 0} changes.`,
  );
  return true;
}
