import type { Duck } from '../../../platform/duckdb/index.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { createLimiter } from '../../../platform/limiter.js';
import type { Actor } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import type { ValidationService } from '../validation.service.js';
import { guessSchema, type SchemaGuess } from './guess.duckdb.js';

const refuse = (fr: string, en: string) =>
  new ValidationError([{ path: 'resource', code: 'invalid', message: localized(fr, en) }]);

/** Schema guessing from a resource's file, for whoever may read the resource (two at a time). */
export function createGuessService(deps: {
  duck: Duck;
  catalog: CatalogService;
  validation: ValidationService;
}) {
  const limiter = createLimiter({
    concurrency: 2,
    queue: 8,
    busy: localized('Trop de demandes en cours : réessayez dans un moment.', 'Too busy: try again shortly.'),
  });
  return {
    async guessResource(actor: Actor, resourceId: string): Promise<SchemaGuess & { datasetName: string }> {
      const { resource, dataset } = await deps.catalog.resources.get(actor, resourceId);
      const name = resource.upload?.filename ?? resource.url ?? '';
      const format = (resource.format ?? '').toUpperCase();
      if (!['CSV', 'TSV', 'TXT', ''].includes(format) && !/\.(csv|tsv|txt)$/i.test(name))
        throw refuse('seuls les fichiers CSV se devinent', 'only CSV files can be guessed');
      const guess = await limiter.run(() =>
        deps.validation.withResourceFile(resource, (file) =>
          guessSchema(deps.duck, file).catch((error: Error) => {
            const first = error.message.split('\n')[0] ?? '';
            throw refuse(
              `le fichier n’a pas pu être lu comme un CSV : ${first}`,
              `the file could not be read as CSV: ${first}`,
            );
          }),
        ),
      );
      if (!guess) throw refuse('cette ressource n’a pas de fichier', 'this resource has no file');
      return { ...guess, datasetName: dataset.name };
    },
  };
}

export type GuessService = ReturnType<typeof createGuessService>;
