import { FREQUENCIES, LANGUAGES, LICENSES } from '../../catalog/index.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  type Choice,
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import type { DatasetFormValues } from './dataset-form.js';

export interface DatasetFormView {
  /** Null for a new dataset; its current name when editing. */
  datasetName: string | null;
  datasetTitle: string | null;
  values: DatasetFormValues;
  errors: FieldErrors;
  organizations: Choice[];
  themes: Choice[];
  /** The description as it will read (HTML from the sanitising Markdown renderer), when asked. */
  preview: string | null;
  /** The territories to choose from, by name. */
  places: string[];
}

/** Each field's label, in the order of the page (the error summary lists errors in that order). */
const FIELD_LABELS = {
  title_fr: 'fieldTitleFr',
  title_en: 'fieldTitleEn',
  name: 'fieldName',
  owner_org: 'fieldOrganization',
  notes_fr: 'fieldNotesFr',
  notes_en: 'fieldNotesEn',
  license_id: 'fieldLicense',
  update_frequency: 'fieldFrequency',
  time_coverage_start: 'fieldStart',
  time_coverage_end: 'fieldEnd',
  languages: 'languages',
  tags: 'fieldTags',
  keywords_en: 'fieldKeywordsEn',
  groups: 'fieldGroups',
  maintainer: 'fieldMaintainer',
  maintainer_email: 'fieldMaintainerEmail',
  url: 'fieldUrl',
  version: 'fieldVersion',
  visibility: 'fieldPrivate',
  place: 'fieldPlace',
} as const satisfies Record<keyof DatasetFormValues, MessageKey>;

export const DATASET_FORM_FIELDS = Object.keys(FIELD_LABELS);

function labelsOf(ctx: PageContext): Record<string, string> {
  return Object.fromEntries(Object.entries(FIELD_LABELS).map(([field, key]) => [field, ctx.t(key)]));
}

/**
 * Creating or editing a dataset: every field says what it is for, errors appear next to their
 * field and in a summary at the top, and what was typed stays when something is refused.
 */
export function DatasetFormPage({ ctx, view }: { ctx: PageContext; view: DatasetFormView }) {
  const { t, locale } = ctx;
  const { values, errors } = view;
  const editing = view.datasetName !== null;
  const heading = editing ? t('editDatasetTitle', { title: view.datasetTitle ?? '' }) : t('newDataset');
  const action = editing
    ? href(locale, 'editDataset', { name: view.datasetName ?? '' })
    : href(locale, 'newDataset');
  const cancel = editing
    ? href(locale, 'dataset', { name: view.datasetName ?? '' })
    : href(locale, 'workspace');
  const field = { ctx, errors };
  const licenses: Choice[] = [
    { value: '', label: t('noneSelected') },
    ...LICENSES.map((license) => ({ value: license.id, label: license.title[locale] })),
  ];
  const frequencies: Choice[] = [
    { value: '', label: t('noneSelected') },
    ...FREQUENCIES.map((frequency) => ({ value: frequency.code, label: frequency.label[locale] })),
  ];
  const languages = LANGUAGES.map((language) => ({ value: language.code, label: language.label[locale] }));
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, heading, Object.keys(errors).length > 0)}
      breadcrumbs={[{ label: t('workspaceTitle'), href: href(locale, 'workspace') }, { label: heading }]}
    >
      <h1>{heading}</h1>
      <p>{t('datasetFormLead')}</p>
      <PostForm ctx={ctx} action={action} class="quai-form">
        <ErrorSummary ctx={ctx} errors={errors} labels={labelsOf(ctx)} />
        <fieldset class="quai-form-section">
          <legend>{t('sectionDescription')}</legend>
          <TextField {...field} name="title_fr" label={t('fieldTitleFr')} value={values.title_fr} required />
          <TextField {...field} name="title_en" label={t('fieldTitleEn')} value={values.title_en} />
          <TextField
            {...field}
            name="name"
            label={t('fieldName')}
            hint={editing ? t('fieldNameHint') : `${t('fieldNameHint')} ${t('fieldNameEmpty')}`}
            value={values.name}
            spellcheck={false}
          />
          <SelectField
            {...field}
            name="owner_org"
            label={t('fieldOrganization')}
            value={values.owner_org}
            choices={view.organizations}
            required
          />
          <TextArea
            {...field}
            name="notes_fr"
            label={t('fieldNotesFr')}
            hint={t('fieldNotesHint')}
            value={values.notes_fr}
          />
          <TextArea
            {...field}
            name="notes_en"
            label={t('fieldNotesEn')}
            hint={t('fieldNotesHint')}
            value={values.notes_en}
            lang="en"
          />
          {view.preview !== null ? (
            <section
              class="quai-markdown-preview"
              aria-labelledby="apercu-description"
              tabIndex={-1}
              autofocus
            >
              <h2 id="apercu-description">{t('previewNotesTitle')}</h2>
              {view.preview ? (
                <div
                  class="quai-markdown"
                  lang={values.notes_fr ? 'fr' : 'en'}
                  dangerouslySetInnerHTML={{ __html: view.preview }}
                />
              ) : (
                <p>{t('noDescription')}</p>
              )}
            </section>
          ) : null}
        </fieldset>
        <fieldset class="quai-form-section">
          <legend>{t('sectionReuse')}</legend>
          <SelectField
            {...field}
            name="license_id"
            label={t('fieldLicense')}
            hint={t('fieldLicenseHint')}
            value={values.license_id}
            choices={licenses}
          />
          <SelectField
            {...field}
            name="update_frequency"
            label={t('fieldFrequency')}
            value={values.update_frequency}
            choices={frequencies}
          />
          <TextField
            {...field}
            name="time_coverage_start"
            label={t('fieldStart')}
            hint={t('fieldDateHint')}
            value={values.time_coverage_start}
            size="short"
          />
          <TextField
            {...field}
            name="time_coverage_end"
            label={t('fieldEnd')}
            hint={t('fieldDateHint')}
            value={values.time_coverage_end}
            size="short"
          />
          <TextField
            {...field}
            name="place"
            label={t('fieldPlace')}
            hint={t('fieldPlaceHint')}
            value={values.place}
            list="territoires"
            autocomplete="off"
          />
          <datalist id="territoires">
            {view.places.map((place) => (
              <option key={place} value={place} />
            ))}
          </datalist>
          <ChoiceGroup
            {...field}
            type="checkbox"
            name="languages"
            label={t('languages')}
            values={values.languages}
            choices={languages}
          />
        </fieldset>
        <fieldset class="quai-form-section">
          <legend>{t('sectionFinding')}</legend>
          <TextField
            {...field}
            name="tags"
            label={t('fieldTags')}
            hint={t('fieldTagsHint')}
            value={values.tags}
          />
          <TextField
            {...field}
            name="keywords_en"
            label={t('fieldKeywordsEn')}
            hint={t('fieldTagsHint')}
            value={values.keywords_en}
          />
          {view.themes.length > 0 ? (
            <ChoiceGroup
              {...field}
              type="checkbox"
              name="groups"
              label={t('fieldGroups')}
              values={values.groups}
              choices={view.themes}
            />
          ) : null}
        </fieldset>
        <fieldset class="quai-form-section">
          <legend>{t('sectionContact')}</legend>
          <TextField
            {...field}
            name="maintainer"
            label={t('fieldMaintainer')}
            value={values.maintainer}
            autocomplete="off"
          />
          <TextField
            {...field}
            name="maintainer_email"
            label={t('fieldMaintainerEmail')}
            value={values.maintainer_email}
            type="email"
            autocomplete="off"
          />
          <TextField {...field} name="url" label={t('fieldUrl')} value={values.url} type="url" />
          <TextField
            {...field}
            name="version"
            label={t('fieldVersion')}
            value={values.version}
            size="short"
          />
        </fieldset>
        <fieldset class="quai-form-section">
          <legend>{t('sectionPublication')}</legend>
          <ChoiceGroup
            {...field}
            type="radio"
            name="visibility"
            label={t('fieldPrivate')}
            values={[values.visibility]}
            choices={[
              { value: 'public', label: t('visibilityPublic') },
              { value: 'private', label: t('visibilityPrivate') },
            ]}
          />
          {editing ? null : <p class="quai-hint">{t('createdAsDraft')}</p>}
        </fieldset>
        {/* Saving comes first: it is what Enter in a field does. */}
        <div class="quai-form-buttons">
          <button type="submit" class="qc-button qc-primary">
            {editing ? t('save') : t('createDataset')}
          </button>
          <button type="submit" name="preview" value="notes" class="qc-button qc-secondary">
            {t('previewNotes')}
          </button>
          <a href={cancel} class="qc-button qc-tertiary">
            {t('cancel')}
          </a>
        </div>
      </PostForm>
    </Layout>
  );
}
