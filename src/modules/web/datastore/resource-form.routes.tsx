import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Dataset, Resource, ResourceInput, UploadedFile } from '../../catalog/index.js';
import { editableDataset } from '../catalog/loaders.js';
import { resourceName } from '../catalog/resources.js';
import type { PageAddress } from '../i18n/paths.js';
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

const EMPTY_FORM: ResourceFormValues = {
  kind: 'upload',
  url: '',
  name_fr: '',
  name_en: '',
  description_fr: '',
  format: '',
  schema: '',
  upload_id: '',
};

function resourceFormOf(resource: Resource): ResourceFormValues {
  return {
    kind: resource.upload || !resource.url ? 'upload' : 'link',
    url: resource.upload ? '' : (resource.url ?? ''),
    name_fr: resource.name.fr ?? '',
    name_en: resource.name.en ?? '',
    description_fr: resource.description.fr ?? '',
    format: resource.format ?? '',
    schema: resource.extras.schema ?? '',
    upload_id: '',
  };
}

/**
 * A file already in the dataset is not added twice: the publisher is sent to the resource that
 * holds it (to replace its file); a resource given its own file again has nothing to replace.
 */
function duplicateError(
  page: PageRequest,
  dataset: Dataset,
  resource: Resource | null,
  sha256: string,
): string | null {
  if (resource?.upload?.sha256 === sha256) return page.t('sameFile');
  const index = dataset.resources.findIndex(
    (other) => other.id !== resource?.id && other.upload?.sha256 === sha256,
  );
  const other = dataset.resources[index];
  if (!other) return null;
  return page.t('duplicateFile', {
    name: resourceName(page.context({ page: 'dataset' }), other, index).text,
  });
}

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

/**
 * Adding a resource to a dataset (a file sent with the form, a file sent in pieces, or a link), and
 * editing one: its fields, or a new file that becomes its next version.
 */
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

  /** The resource being edited (its dataset must be the page's), or null on the new-resource page. */
  function editedResource(page: PageRequest, dataset: Dataset): Resource | null {
    if (page.params.id === undefined) return null;
    const resource = dataset.resources.find((candidate) => candidate.id === page.params.id);
    if (!resource)
      throw new NotFoundError(
        'resource',
        page.params.id,
        localized('Ressource introuvable', 'Resource not found'),
      );
    return resource;
  }

  async function render(
    page: PageRequest,
    dataset: Dataset,
    resource: Resource | null,
    values: ResourceFormValues,
    errors: FieldErrors,
  ) {
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const index = resource ? dataset.resources.indexOf(resource) : -1;
    const view = {
      datasetName: dataset.name,
      datasetTitle: pickTitle(page.locale, dataset.title).text,
      editing: resource
        ? {
            id: resource.id,
            name: resourceName(page.context({ page: 'dataset' }), resource, index).text,
            file: resource.upload?.filename ?? null,
          }
        : null,
      values,
      errors,
      maxUploadBytes: deps.config.maxUploadBytes,
      schemas: await schemaChoices(page),
    };
    const address: PageAddress = resource
      ? { page: 'editResource', params: { name: dataset.name, id: resource.id } }
      : { page: 'newResource', params: { name: dataset.name } };
    const ctx = page.context(address, { scripts: ['upload'] });
    return <ResourceFormPage ctx={ctx} view={view} />;
  }

  const showForm = async (page: PageRequest) => {
    const dataset = await editableDataset(page, catalog);
    const resource = editedResource(page, dataset);
    return render(page, dataset, resource, resource ? resourceFormOf(resource) : EMPTY_FORM, {});
  };
  pages.get('newResource', showForm);
  pages.get('editResource', showForm);

  /** Adds the resource, or saves the edited one (a new file becomes its new version). */
  const saveForm = async (page: PageRequest) => {
    const dataset = await editableDataset(page, catalog);
    const resource = editedResource(page, dataset);
    const user = signedInUser(page);
    const upload = await catalog.uploads.receive(page.request, {
      // Not a byte is stored for a form that came from elsewhere.
      allow: async (fields) => cookies.checkCsrf(page.request, fieldText(fields[CSRF_FIELD])),
      fileFields: ['file'],
      emptyIsNone: true,
    });
    // The file sent with the form stays only if the resource uses it (not for a link, pieces sent
    // before, or a refused form).
    return catalog.uploads.settle(upload, async (sent) => {
      cookies.checkCsrf(page.request, fieldText(upload.fields[CSRF_FIELD]));
      const values = resourceFormFrom(upload.fields);
      const refuse = (errors: FieldErrors) => render(page, dataset, resource, values, errors);
      let file: UploadedFile | 'keep' | null = null;
      if (values.kind === 'upload') {
        if (values.upload_id) file = await storedPieces(values.upload_id, user.id);
        else if (sent) file = sent;
        else if (resource?.upload) file = 'keep';
        else return refuse({ file: page.t('fileMissing') });
      } else if (!values.url) {
        return refuse({ url: page.t('linkMissing') });
      }
      if (file !== null && file !== 'keep') {
        const fileError = duplicateError(page, dataset, resource, file.sha256);
        if (fileError) return refuse({ file: fileError });
      }
      if (values.schema && !(await schemaChoices(page)).some((choice) => choice.value === values.schema))
        return refuse({ schema: page.t('fieldSchemaUnknown') });
      const { schema: _schema, ...otherExtras } = resource?.extras ?? {};
      const input: ResourceInput = {
        url: values.kind === 'link' ? values.url : null,
        name: { fr: values.name_fr || null, en: values.name_en || null },
        description: { fr: values.description_fr || null, en: resource?.description.en ?? null },
        format: values.format || null,
        mimetype:
          file !== null && file !== 'keep'
            ? file.mimetype
            : file === 'keep'
              ? (resource?.mimetype ?? null)
              : null,
        resourceType: resource?.resourceType ?? null,
        extras: values.schema ? { ...otherExtras, schema: values.schema } : otherExtras,
        upload: file,
      };
      try {
        if (resource) await catalog.resources.update(page.actor, resource.id, input);
        else await catalog.resources.create(page.actor, dataset.id, input);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const errors = fieldErrorsOf(error.issues, page.locale, RESOURCE_FORM_FIELDS, ALIASES);
        // A file sent with the form is gone with the refused request; pieces stay for the next try.
        if (sent && !values.upload_id) errors.file = page.t('fileAgain');
        return refuse(errors);
      }
      if (values.upload_id) await uploads.discard(user.id, values.upload_id);
      cookies.notify(page.reply, resource ? 'resourceSaved' : 'resourceAdded');
      return resource
        ? page.redirect('resource', { name: dataset.name, id: resource.id })
        : page.redirect('dataset', { name: dataset.name });
    });
  };
  pages.post('newResource', saveForm);
  pages.post('editResource', saveForm);

  async function storedPieces(uploadId: string, owner: string): Promise<UploadedFile> {
    const { upload, blob } = await uploads.store(owner, uploadId);
    return { ...blob, filename: upload.filename, mimetype: upload.mimetype };
  }
}
