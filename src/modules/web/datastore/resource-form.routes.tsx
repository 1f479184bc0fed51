import { ValidationError } from '../../../platform/http/errors.js';
import type { Dataset, ResourceInput, UploadedFile } from '../../catalog/index.js';
import { editableDataset } from '../catalog/loaders.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  type FormFields,
  fieldText,
  fieldUrl,
  type PageRequest,
  type PageRoutes,
  signedInUser,
  type WebDeps,
} from '../shell/page-routes.js';
import { CSRF_FIELD } from '../shell/web-cookies.js';
import type { Choice, FieldErrors } from '../ui/form-fields.js';
import { pickTitle } from '../ui/localized.js';
import { RESOURCE_FORM_FIELDS, ResourceFormPage, type ResourceFormValues } from './resource-form.page.js';

function resourceFormFrom(fields: FormFields): ResourceFormValues {
  return {
    kind: fieldText(fields.kind) === 'link' ? 'link' : 'upload',
    url: fieldUrl(fields.url),
    name_fr: fieldText(fields.name_fr),
    name_en: fieldText(fields.name_en),
    description_fr: fieldText(fields.description_fr),
    format: fieldText(fields.format),
    schema: fieldText(fields.schema),
    upload_id: fieldText(fields.upload_id),
  };
}

const ALIASES = { 'name.fr': 'name_fr', 'name.en': 'name_en', 'description.fr': 'description_fr' };

/** Adding a resource to a dataset: a file sent with the form, a file sent in pieces, or a link. */
export function resourceFormRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, cookies, uploads } = deps;

  /** The versions of the shared schemas a resource may declare (what the validator offers). */
  async function schemaChoices(page: PageRequest): Promise<Choice[]> {
    return (await deps.schemas.catalogue.list()).flatMap((schema) =>
      schema.versions.map((version) => ({
        value: `${schema.name}@${version.version}`,
        label: `${schema.title[page.locale]} — ${version.version}`,
      })),
    );
  }

  async function render(
    page: PageRequest,
    dataset: Dataset,
    values: ResourceFormValues,
    errors: FieldErrors,
  ) {
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const view = {
      datasetName: dataset.name,
      datasetTitle: pickTitle(page.locale, dataset.title).text,
      values,
      errors,
      maxUploadBytes: deps.config.maxUploadBytes,
      schemas: await schemaChoices(page),
    };
    const ctx = page.context(
      { page: 'newResource', params: { name: dataset.name } },
      { scripts: ['upload'] },
    );
    return <ResourceFormPage ctx={ctx} view={view} />;
  }

  pages.get('newResource', async (page) => {
    const dataset = await editableDataset(page, catalog);
    const values: ResourceFormValues = {
      kind: 'upload',
      url: '',
      name_fr: '',
      name_en: '',
      description_fr: '',
      format: '',
      schema: '',
      upload_id: '',
    };
    return render(page, dataset, values, {});
  });

  pages.post('newResource', async (page) => {
    const dataset = await editableDataset(page, catalog);
    const user = signedInUser(page);
    const upload = await catalog.uploads.receive(page.request, {
      // Not a byte is stored for a form that came from elsewhere.
      allow: async (fields) => cookies.checkCsrf(page.request, fieldText(fields[CSRF_FIELD])),
      fileFields: ['file'],
      emptyIsNone: true,
    });
    // The file sent with the form stays only if the new resource uses it (not for a link, pieces
    // sent before, or a refused form).
    return catalog.uploads.settle(upload, async (sent) => {
      cookies.checkCsrf(page.request, fieldText(upload.fields[CSRF_FIELD]));
      const values = resourceFormFrom(upload.fields);
      let file: UploadedFile | null = null;
      if (values.kind === 'upload') {
        if (values.upload_id) file = await storedPieces(values.upload_id, user.id);
        else if (sent) file = sent;
        else return render(page, dataset, values, { file: page.t('fileMissing') });
      } else if (!values.url) {
        return render(page, dataset, values, { url: page.t('linkMissing') });
      }
      if (values.schema && !(await schemaChoices(page)).some((choice) => choice.value === values.schema))
        return render(page, dataset, values, { schema: page.t('fieldSchemaUnknown') });
      const input: ResourceInput = {
        url: values.kind === 'link' ? values.url : null,
        name: { fr: values.name_fr || null, en: values.name_en || null },
        description: { fr: values.description_fr || null, en: null },
        format: values.format || null,
        mimetype: file?.mimetype ?? null,
        resourceType: null,
        extras: values.schema ? { schema: values.schema } : {},
        upload: file,
      };
      try {
        await catalog.resources.create(page.actor, dataset.id, input);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const errors = fieldErrorsOf(error.issues, page.locale, RESOURCE_FORM_FIELDS, ALIASES);
        // A file sent with the form is gone with the refused request; pieces stay for the next try.
        if (sent && !values.upload_id) errors.file = page.t('fileAgain');
        return render(page, dataset, values, errors);
      }
      if (values.upload_id) await uploads.discard(user.id, values.upload_id);
      cookies.notify(page.reply, 'resourceAdded');
      return page.redirect('dataset', { name: dataset.name });
    });
  });

  async function storedPieces(uploadId: string, owner: string): Promise<UploadedFile> {
    const { upload, blob } = await uploads.store(owner, uploadId);
    return { ...blob, filename: upload.filename, mimetype: upload.mimetype };
  }
}
