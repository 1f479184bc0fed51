import { open } from 'node:fs/promises';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { slugify } from '../../../platform/validation.js';
import type { TableSchema } from '../../schemas/index.js';
import { mayEdit } from '../catalog/loaders.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldText,
  formFields,
  type PageRequest,
  type PageRoutes,
  type WebDeps,
} from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { GUESS_FIELDS, GuessPage, GuessUnavailable, type GuessValues } from './guess.page.js';

/** Lines of the file kept as the new schema's example (the header and the first rows). */
const EXAMPLE_LINES = 51;

/** Proposing a schema from a resource's file, and publishing it (the dataset's editors). */
export function schemaGuessRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog } = deps;
  const { guess, catalogue, validation } = deps.schemas;

  async function editable(page: PageRequest) {
    const found = await catalog.resources.get(page.actor, page.params.id ?? '');
    if (found.dataset.name !== page.params.name || !mayEdit(page.actor, found.dataset))
      throw new NotFoundError(
        'resource',
        page.params.id ?? '',
        localized('Ressource introuvable', 'Resource not found'),
      );
    return found;
  }

  async function render(page: PageRequest, values: GuessValues | null, errors: FieldErrors) {
    const { dataset, resource } = await editable(page);
    let proposal: Awaited<ReturnType<typeof guess.guessResource>>;
    try {
      proposal = await guess.guessResource(page.actor, resource.id);
    } catch (error) {
      // A file that cannot be read (or a link that cannot be fetched): said on the page.
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      return (
        <GuessUnavailable
          ctx={page.context({ page: 'resourceSchemaGuess', params: { name: dataset.name, id: resource.id } })}
          dataset={{ name: dataset.name, title: dataset.title[page.locale] ?? dataset.title.fr }}
          resource={{ id: resource.id, name: resource.name[page.locale] ?? resource.name.fr ?? resource.id }}
          reason={error.issues.map((issue) => issue.message[page.locale]).join(' ')}
        />
      );
    }
    const title = dataset.title[page.locale] ?? dataset.title.fr;
    const name = resource.name[page.locale] ?? resource.name.fr ?? resource.upload?.filename ?? resource.id;
    if (Object.keys(errors).length > 0) page.reply.code(422);
    return (
      <GuessPage
        ctx={page.context({ page: 'resourceSchemaGuess', params: { name: dataset.name, id: resource.id } })}
        model={{
          dataset: { name: dataset.name, title },
          resource: { id: resource.id, name },
          rows: proposal.rows,
          proposed: proposal.descriptor,
          notes: proposal.notes,
          values: values ?? {
            name: slugify(resource.name.fr ?? dataset.name).slice(0, 61),
            title_fr: resource.name.fr ?? dataset.title.fr,
            title_en: resource.name.en ?? dataset.title.en ?? '',
            description_fr: '',
            description_en: '',
            contact: dataset.maintainerEmail ?? dataset.authorEmail ?? '',
            descriptor: JSON.stringify({ ...proposal.descriptor, version: '1.0.0' }, null, 2),
          },
          errors,
        }}
      />
    );
  }

  pages.get('resourceSchemaGuess', (page) => render(page, null, {}));

  pages.post('resourceSchemaGuess', async (page) => {
    const fields = formFields(page, deps.cookies);
    const { resource } = await editable(page);
    const values = Object.fromEntries(
      GUESS_FIELDS.map((f) => [f, fieldText(fields[f]).trim()]),
    ) as GuessValues;
    const errors: FieldErrors = {};
    for (const field of GUESS_FIELDS) if (!values[field]) errors[field] = page.t('guessRequired');
    let descriptor: TableSchema | null = null;
    try {
      descriptor = values.descriptor ? (JSON.parse(values.descriptor) as TableSchema) : null;
    } catch (error) {
      errors.descriptor = page.t('guessBadJson', { reason: (error as Error).message });
    }
    if (Object.keys(errors).length > 0 || !descriptor) return render(page, values, errors);
    const example = await validation.withResourceFile(resource, firstLines);
    try {
      await catalogue.publish(page.actor, {
        name: values.name,
        version: '1.0.0',
        title: { fr: values.title_fr, en: values.title_en },
        description: { fr: values.description_fr, en: values.description_en },
        contact: values.contact,
        ecosystems: [],
        changelog: {
          fr: 'Première version, proposée à partir d’un fichier publié.',
          en: 'First version, proposed from a published file.',
        },
        descriptor: { ...descriptor, version: '1.0.0' },
        example: `${example ?? ''}\n`,
      });
    } catch (error) {
      if (error instanceof ForbiddenError) return render(page, values, { name: error.detail[page.locale] });
      if (!(error instanceof ValidationError)) throw error;
      const aliases = Object.fromEntries(
        error.issues
          .filter((issue) => issue.path.startsWith('descriptor') || issue.path === 'example')
          .map((issue) => [issue.path, 'descriptor']),
      );
      return render(
        page,
        values,
        fieldErrorsOf(error.issues, page.locale, GUESS_FIELDS, {
          ...aliases,
          'title.fr': 'title_fr',
          'title.en': 'title_en',
          'description.fr': 'description_fr',
          'description.en': 'description_en',
        }),
      );
    }
    deps.cookies.notify(page.reply, 'schemaPublished');
    return page.redirect('schema', { name: values.name });
  });
}

/** The header and first rows of a file, read from its first 256 KB only. */
async function firstLines(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const lines = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/);
    // A last line cut by the 256 KB is left out.
    if (bytesRead === buffer.length) lines.pop();
    return lines.slice(0, EXAMPLE_LINES).join('\n');
  } finally {
    await handle.close();
  }
}
