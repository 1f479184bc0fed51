import type { Localized } from '../../../platform/i18n/index.js';
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
import { pickTitle } from '../ui/localized.js';
import { SetLink, typeName } from './data-dictionary.js';

/** The form's fields of the column at `index`: c3_label_fr, c3_type… */
export const dictionaryField = (index: number, field: string) => `c${index}_${field}`;
export const DICTIONARY_FIELDS = [
  'label_fr',
  'label_en',
  'description_fr',
  'description_en',
  'type',
  'ref_set',
  'ref_date',
  'ref_name',
] as const;

/** The fields binding a column to a reference set: the set, and the columns of the date and name. */
export const BINDING_FIELDS = ['ref_set', 'ref_date', 'ref_name'] as const;

export interface DictionaryView {
  datasetName: string;
  datasetTitle: string;
  resourceId: string;
  resourceName: string;
  columns: Column[];
  /** The reference sets a column may be bound to (not the external ones). */
  sets: { id: string; title: Localized }[];
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
    labels[dictionaryField(index, 'ref_set')] = `${column.id} : ${t('dictionaryReferenceSet')}`;
    labels[dictionaryField(index, 'ref_date')] = `${column.id} : ${t('dictionaryReferenceDate')}`;
    labels[dictionaryField(index, 'ref_name')] = `${column.id} : ${t('dictionaryReferenceName')}`;
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
      <p>{t('dictionaryBindingIntro')}</p>
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
              <CurrentBinding ctx={ctx} column={column} />
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
              <BindingFields ctx={ctx} view={view} index={index} />
            </fieldset>
          );
        })}
        <FormButtons submit={t('dictionarySave')} cancelHref={resourceHref} cancel={t('cancel')} />
      </PostForm>
    </Layout>
  );
}

/** What a column is bound to now (saved), whatever the form holds. */
function CurrentBinding({ ctx, column }: { ctx: PageContext; column: Column }) {
  const { t } = ctx;
  const binding = column.reference;
  if (!binding) return <p class="quai-hint">{t('dictionaryNotBound')}</p>;
  return (
    <p class="quai-hint">
      {t('dictionaryBoundTo')} <SetLink ctx={ctx} set={binding.set} />.
      {binding.asOfColumn ? ` ${t('dictionaryBoundDate', { column: binding.asOfColumn })}` : null}
      {binding.nameColumn ? ` ${t('dictionaryBoundName', { column: binding.nameColumn })}` : null}
    </p>
  );
}

/**
 * The binding of a column to a reference set, folded away unless the column is bound or one of
 * its fields is wrong: the set, and the table's columns giving each row's date and name.
 */
function BindingFields({ ctx, view, index }: { ctx: PageContext; view: DictionaryView; index: number }) {
  const { t, locale } = ctx;
  const { values, errors } = view;
  const name = (field: (typeof BINDING_FIELDS)[number]) => dictionaryField(index, field);
  const open = Boolean(values[name('ref_set')]) || BINDING_FIELDS.some((field) => errors[name(field)]);
  const others = view.columns
    .filter((_, other) => other !== index)
    .map((column) => ({ value: column.id, label: `${column.id} (${typeName(ctx, column.type)})` }));
  const field = { ctx, errors };
  return (
    <details class="quai-binding" open={open}>
      <summary>{t('dictionaryBinding')}</summary>
      <SelectField
        {...field}
        name={name('ref_set')}
        label={t('dictionaryReferenceSet')}
        value={values[name('ref_set')]}
        choices={[
          { value: '', label: t('dictionaryReferenceNone') },
          ...view.sets.map((set) => {
            const title = pickTitle(locale, set.title);
            return { value: set.id, label: title.text, lang: title.lang };
          }),
        ]}
      />
      <SelectField
        {...field}
        name={name('ref_date')}
        label={t('dictionaryReferenceDate')}
        hint={t('dictionaryReferenceDateHint')}
        value={values[name('ref_date')]}
        choices={[{ value: '', label: t('dictionaryReferenceDateNone') }, ...others]}
      />
      <SelectField
        {...field}
        name={name('ref_name')}
        label={t('dictionaryReferenceName')}
        hint={t('dictionaryReferenceNameHint')}
        value={values[name('ref_name')]}
        choices={[{ value: '', label: t('dictionaryReferenceNameNone') }, ...others]}
      />
    </details>
  );
}
