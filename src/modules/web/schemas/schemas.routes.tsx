import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/validation.js';
import { type SharedSchema, type StoredReport, withValidatorUpload } from '../../schemas/index.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import { fieldText, type PageRequest, type PageRoutes, type WebDeps } from '../shell/page-routes.js';
import { CSRF_FIELD } from '../shell/web-cookies.js';
import type { Choice, FieldErrors } from '../ui/form-fields.js';
import { SchemaPage } from './schema.page.js';
import { SchemasPage } from './schemas.page.js';
import { ReportPage, VALIDATOR_FIELDS, ValidatorPage } from './validator.page.js';

/** What the public validator reads, as the API does (decision 0024). */
const VALIDATE_MAX_BYTES = 200 * 1024 * 1024;

/** The shared schemas, the public validator and its reports. */
export function schemaPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalogue, validation } = deps.schemas;

  pages.get('schemas', async (page) => {
    const schemas = await catalogue.list();
    return <SchemasPage ctx={page.context({ page: 'schemas' })} schemas={schemas} />;
  });

  pages.get('schema', async (page) => {
    const schema = await catalogue.get(page.params.name ?? '');
    const latest = await catalogue.version(schema.name, 'latest');
    return (
      <SchemaPage
        ctx={page.context({ page: 'schema', params: { name: schema.name } })}
        schema={schema}
        latest={latest}
      />
    );
  });

  function choicesOf(schemas: SharedSchema[], page: PageRequest): Choice[] {
    return schemas.flatMap((schema) =>
      schema.versions.map((version) => ({
        value: `${schema.name}@${version.version}`,
        label: `${schema.title[page.locale]} — ${version.version}`,
      })),
    );
  }

  async function renderForm(page: PageRequest, values: { schema: string; url: string }, errors: FieldErrors) {
    const choices = choicesOf(await catalogue.list(), page);
    if (Object.keys(errors).length > 0) page.reply.code(422);
    return (
      <ValidatorPage
        ctx={page.context({ page: 'validator' })}
        choices={[{ value: '', label: '—' }, ...choices]}
        values={values}
        errors={errors}
      />
    );
  }

  pages.get('validator', (page) =>
    renderForm(page, { schema: fieldText(page.query.schema).slice(0, 120), url: '' }, {}),
  );

  pages.post('validator', async (page) => {
    if (!page.request.isMultipart()) {
      throw new ValidationError([
        { path: 'file', code: 'invalid', message: localized('un formulaire multipart', 'a multipart form') },
      ]);
    }
    const maxBytes = VALIDATE_MAX_BYTES;
    // Not a byte is kept for a form that came from elsewhere.
    const beforeFile = (fields: Record<string, string>) =>
      deps.cookies.checkCsrf(page.request, fields[CSRF_FIELD] ?? '');
    return withValidatorUpload(
      page.request,
      { directory: validation.work, maxBytes, beforeFile },
      async ({ fields, file, tooLarge }) => {
        deps.cookies.checkCsrf(page.request, fields[CSRF_FIELD] ?? '');
        const values = { schema: (fields.schema ?? '').trim(), url: (fields.url ?? '').trim() };
        const errors: FieldErrors = {};
        if (!values.schema) errors.schema = page.t('valSchemaMissing');
        if (tooLarge) errors.file = page.t('valTooLarge');
        else if (file && values.url) errors.url = page.t('valBoth');
        else if (!file && !values.url) errors.file = page.t('valSourceMissing');
        else if (!file && !/^https?:\/\//i.test(values.url)) errors.url = page.t('valUrlInvalid');
        if (Object.keys(errors).length > 0) return renderForm(page, values, errors);
        let stored: StoredReport;
        try {
          stored = file
            ? await validation.validateFile(file.path, values.schema, file.name)
            : await validation.validateUrl(values.url, values.schema);
        } catch (error) {
          if (error instanceof ValidationError)
            return renderForm(page, values, fieldErrorsOf(error.issues, page.locale, VALIDATOR_FIELDS));
          if (error instanceof NotFoundError)
            return renderForm(page, values, { schema: page.t('valSchemaMissing') });
          throw error;
        }
        return page.redirect('validationReport', { id: stored.id });
      },
    );
  });

  pages.get('validationReport', async (page) => {
    const id = page.params.id ?? '';
    if (!isUuid(id)) throw new NotFoundError('report', id);
    const stored = await validation.report(id);
    if (stored.expiresAt && new Date(stored.expiresAt).getTime() < Date.now())
      throw new NotFoundError('report', id);
    // The report's address is its only key: not for shared caches, nor for search engines.
    page.reply.header('Cache-Control', 'private, no-store');
    page.reply.header('X-Robots-Tag', 'noindex');
    return <ReportPage ctx={page.context({ page: 'validationReport', params: { id } })} stored={stored} />;
  });
}
