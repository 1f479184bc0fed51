import { FORMATS } from '../../catalog/index.js';
import { formatSize } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  type Choice,
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  FormButtons,
  fieldId,
  formTitle,
  PostForm,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';

export interface ResourceFormValues {
  kind: 'upload' | 'link';
  url: string;
  name_fr: string;
  name_en: string;
  description_fr: string;
  format: string;
  /** The shared schema the file follows (name@version), or ''. */
  schema: string;
  /** A file already sent in pieces (by the upload script), kept when the form is refused. */
  upload_id: string;
}

export interface ResourceFormView {
  datasetName: string;
  datasetTitle: string;
  /** The resource being edited (its current file's name, if it has one); null for a new one. */
  editing: { id: string; name: string; file: string | null } | null;
  values: ResourceFormValues;
  errors: FieldErrors;
  maxUploadBytes: number;
  /** The shared schemas' versions a file may declare. */
  schemas: Choice[];
}

const LABELS = {
  kind: 'resourceKind',
  file: 'fieldFile',
  url: 'fieldLink',
  name_fr: 'fieldResourceName',
  name_en: 'fieldResourceNameEn',
  description_fr: 'fieldResourceDescription',
  format: 'fieldFormat',
  schema: 'fieldSchema',
} as const;

export const RESOURCE_FORM_FIELDS = Object.keys(LABELS);

/**
 * Adding a file or a link to a dataset, or editing one (a new file replaces the current one, which
 * stays in the resource's history). Without JavaScript the file goes with the form; with it,
 * the upload script sends large files in pieces, shows progress and resumes after a cut.
 */
export function ResourceFormPage({ ctx, view }: { ctx: PageContext; view: ResourceFormView }) {
  const { t, locale } = ctx;
  const { values, errors } = view;
  const { editing } = view;
  const heading = editing
    ? t('editResourceTitle', { name: editing.name })
    : t('resourceFormTitle', { title: view.datasetTitle });
  const datasetHref = href(locale, 'dataset', { name: view.datasetName });
  const action = editing
    ? href(locale, 'editResource', { name: view.datasetName, id: editing.id })
    : href(locale, 'newResource', { name: view.datasetName });
  const back = editing ? href(locale, 'resource', { name: view.datasetName, id: editing.id }) : datasetHref;
  const fileHint = [
    t('fieldFileHint', { max: formatSize(locale, view.maxUploadBytes) }),
    editing?.file ? t('replaceFileHint', { file: editing.file }) : null,
  ]
    .filter(Boolean)
    .join(' ');
  const labels = Object.fromEntries(Object.entries(LABELS).map(([field, key]) => [field, t(key)]));
  const field = { ctx, errors };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, heading, Object.keys(errors).length > 0)}
      breadcrumbs={[
        { label: t('searchTitle'), href: href(locale, 'search') },
        { label: view.datasetTitle, href: datasetHref },
        ...(editing ? [{ label: editing.name, href: back }] : []),
        { label: editing ? t('editResource') : t('addResource') },
      ]}
    >
      <h1>{heading}</h1>
      <PostForm ctx={ctx} action={action} multipart class="quai-form" id="formulaire-ressource">
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <ChoiceGroup
          {...field}
          type="radio"
          name="kind"
          label={t('resourceKind')}
          values={[values.kind]}
          choices={[
            { value: 'upload', label: t('kindUpload') },
            { value: 'link', label: t('kindLink') },
          ]}
        />
        <div class={`quai-field${errors.file ? ' quai-field-invalid' : ''}`} data-upload-field>
          <label for={fieldId('file')} class="quai-label">
            {t('fieldFile')}
          </label>
          <p class="quai-hint" id={`${fieldId('file')}-aide`}>
            {fileHint}
          </p>
          {errors.file ? (
            <p class="quai-field-error" id={`${fieldId('file')}-erreur`}>
              <span class="quai-visually-hidden">{t('errorPrefix')} </span>
              {errors.file}
            </p>
          ) : null}
          <input
            type="file"
            id={fieldId('file')}
            name="file"
            class="quai-file"
            aria-describedby={[`${fieldId('file')}-aide`, errors.file ? `${fieldId('file')}-erreur` : null]
              .filter(Boolean)
              .join(' ')}
            aria-invalid={errors.file ? 'true' : undefined}
          />
          <input type="hidden" name="upload_id" value={values.upload_id} />
          {values.upload_id ? <p class="quai-hint">{t('uploadKept')}</p> : null}
          <div class="quai-upload-progress" hidden>
            <progress max={100} value={0} aria-labelledby="progression-televersement" />
            <p id="progression-televersement" role="status" />
          </div>
        </div>
        <div data-link-field>
          <TextField
            {...field}
            name="url"
            label={t('fieldLink')}
            hint={t('fieldLinkHint')}
            value={values.url}
            type="url"
          />
        </div>
        <TextField
          {...field}
          name="name_fr"
          label={t('fieldResourceName')}
          hint={t('fieldResourceNameHint')}
          value={values.name_fr}
        />
        <TextField {...field} name="name_en" label={t('fieldResourceNameEn')} value={values.name_en} />
        <TextArea
          {...field}
          name="description_fr"
          label={t('fieldResourceDescription')}
          value={values.description_fr}
          rows={3}
        />
        <TextField
          {...field}
          name="format"
          label={t('fieldFormat')}
          hint={t('fieldFormatHint', {
            examples: FORMATS.slice(0, 6)
              .map((format) => format.label)
              .join(', '),
          })}
          value={values.format}
          size="short"
        />
        <SelectField
          {...field}
          name="schema"
          label={t('fieldSchema')}
          hint={t('fieldSchemaHint')}
          value={values.schema}
          choices={[{ value: '', label: t('noneSelected') }, ...view.schemas]}
        />
        <FormButtons submit={editing ? t('save') : t('addResource')} cancelHref={back} cancel={t('cancel')} />
      </PostForm>
      <template
        id="textes-televersement"
        data-progress={t('uploadProgress')}
        data-resuming={t('uploadResuming')}
        data-failed={t('uploadFailed')}
        data-done={t('uploadDone')}
      />
    </Layout>
  );
}
