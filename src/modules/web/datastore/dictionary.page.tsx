import type { Column } from '../../datastore/index.js';
import { COLUMN_TYPES } from '../../datastore/index.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ErrorSummary,
  type FieldErrors,
  FormButtons,
  formTitle,
  PostForm,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { typeName } from './data-dictionary.js';

/** The form's fields of the column at `index`: c3_label_fr, c3_type… */
export const dictionaryField = (index: number, field: string) => `c${index}_${field}`;
export const DICTIONARY_FIELDS = [
  'label_fr',
  'label_en',
  'description_fr',
  'description_en',
  'type',
] as const;

export interface DictionaryView {
  datasetName: string;
  datasetTitle: string;
  resourceId: string;
  resourceName: string;
  columns: Column[];
  values: Record<string, string>;
  errors: FieldErrors;
}

/**
 * The data dictionary of a table: for each column, its label and description in French and
 * English and its type (guessed, or chosen). Each column is a fieldset named by the column.
 */
export function DictionaryPage({ ctx, view }: { ctx: PageContext; view: DictionaryView }) {
  const { t, locale } = ctx;
  const { values, errors } = view;
  const heading = `${t('dictionaryTitle')} — ${view.resourceName}`;
  const datasetHref = href(locale, 'dataset', { name: view.datasetName });
  const resourceHref = href(locale, 'resource', { name: view.datasetName, id: view.resourceId });
  const labels: Record<string, string> = {};
  view.columns.forEach((column, index) => {
    labels[dictionaryField(index, 'label_fr')] = `${column.id} : ${t('dictionaryLabelFr')}`;
    labels[dictionaryField(index, 'label_en')] = `${column.id} : ${t('dictionaryLabelEn')}`;
    labels[dictionaryField(index, 'description_fr')] = `${column.id} : ${t('dictionaryDescriptionFr')}`;
    labels[dictionaryField(index, 'description_en')] = `${column.id} : ${t('dictionaryDescriptionEn')}`;
    labels[dictionaryField(index, 'type')] = `${column.id} : ${t('dictionaryType')}`;
  });
  const types = [
    { value: 'auto', label: t('dictionaryTypeAuto') },
    ...COLUMN_TYPES.map((type) => ({ value: type, label: typeName(ctx, type) })),
  ];
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, heading, Object.keys(errors).length > 0)}
      breadcrumbs={[
        { label: t('searchTitle'), href: href(locale, 'search') },
        { label: view.datasetTitle, href: datasetHref },
        { label: view.resourceName, href: resourceHref },
        { label: t('dictionaryTitle') },
      ]}
    >
      <h1>{heading}</h1>
      <p>{t('dictionaryIntro')}</p>
      <PostForm
        ctx={ctx}
        action={href(locale, 'resourceDictionary', { name: view.datasetName, id: view.resourceId })}
        class="quai-form"
        id="formulaire-dictionnaire"
      >
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        {view.columns.map((column, index) => {
          const name = (field: string) => dictionaryField(index, field);
          const field = { ctx, errors };
          return (
            <fieldset key={column.id} class="quai-fieldset quai-dictionary-column">
              <legend class="quai-label">{t('dictionaryColumn', { column: column.id })}</legend>
              <p class="quai-hint">{t('dictionaryDetected', { type: typeName(ctx, column.type) })}</p>
              <div class="quai-field-row">
                <TextField
                  {...field}
                  name={name('label_fr')}
                  label={t('dictionaryLabelFr')}
                  value={values[name('label_fr')]}
                />
                <TextField
                  {...field}
                  name={name('label_en')}
                  label={t('dictionaryLabelEn')}
                  value={values[name('label_en')]}
                />
              </div>
              <TextArea
                {...field}
                rows={2}
                lang="fr"
                name={name('description_fr')}
                label={t('dictionaryDescriptionFr')}
                value={values[name('description_fr')]}
              />
              <TextArea
                {...field}
                rows={2}
                lang="en"
                name={name('description_en')}
                label={t('dictionaryDescriptionEn')}
                value={values[name('description_en')]}
              />
              <SelectField
                {...field}
                name={name('type')}
                label={t('dictionaryType')}
                value={values[name('type')] ?? 'auto'}
                choices={types}
              />
            </fieldset>
          );
        })}
        <FormButtons submit={t('dictionarySave')} cancelHref={resourceHref} cancel={t('cancel')} />
      </PostForm>
    </Layout>
  );
}
