import { COLUMN_TYPE_LABELS, type Column, type SavedView } from '../../datastore/index.js';
import type { PageContext } from '../shell/page-context.js';
import {
  type Choice,
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  PostForm,
  RowAction,
  SelectField,
  TextField,
} from '../ui/form-fields.js';

export const VIEW_FORM_FIELDS = [
  'title_fr',
  'title_en',
  'kind',
  'category',
  'x',
  'y',
  'measure',
  'measure_column',
  'latitude',
  'longitude',
] as const;
export type ViewFormValues = Record<(typeof VIEW_FORM_FIELDS)[number], string>;

export interface ViewManagerModel {
  columns: Column[];
  saved: SavedView[];
  values: ViewFormValues;
  errors: FieldErrors;
  addAction: string;
  removeAction: (viewId: string) => string;
  dictionaryHref: string;
}

/** The fields each kind of view uses (the others are hidden by the script, ignored by the server). */
const KIND_FIELDS = {
  bar: ['category', 'measure', 'measure_column'],
  line: ['x', 'measure', 'measure_column'],
  scatter: ['x', 'y'],
  map: ['latitude', 'longitude'],
} as const;

/**
 * What a publisher does with a table's views: remove a saved one, or save a new chart or map.
 * One form serves every kind: each field says which kinds use it, and with JavaScript only the
 * chosen kind's fields show. « Prévisualiser » draws the view above without saving it.
 */
export function ViewManager({ ctx, model }: { ctx: PageContext; model: ViewManagerModel }) {
  const { t, locale } = ctx;
  const { values, errors } = model;
  const columns: Choice[] = [
    { value: '', label: t('viewNone') },
    ...model.columns
      .filter((column) => column.id !== '_id')
      .map((column) => ({
        value: column.id,
        label: `${column.label?.[locale] || column.id} (${COLUMN_TYPE_LABELS[column.type][locale]})`,
      })),
  ];
  const labels: Record<string, string> = {
    title_fr: t('viewTitleFr'),
    title_en: t('viewTitleEn'),
    kind: t('viewKind'),
    category: t('viewCategory'),
    x: t('viewX'),
    y: t('viewY'),
    measure: t('viewMeasure'),
    measure_column: t('viewMeasureColumn'),
    latitude: t('viewLatitude'),
    longitude: t('viewLongitude'),
  };
  const select = (name: keyof ViewFormValues, choices: Choice[]) => (
    <SelectField
      ctx={ctx}
      name={name}
      label={labels[name] ?? name}
      errors={errors}
      value={values[name]}
      choices={choices}
    />
  );
  return (
    <section aria-labelledby="gerer-vues" class="quai-view-manager">
      <h2 id="gerer-vues">{t('viewsManage')}</h2>
      <p>
        <a href={model.dictionaryHref}>{t('dictionaryLink')}</a>
      </p>
      {model.saved.length > 0 ? (
        <ul class="quai-plain-list">
          {model.saved.map((view) => (
            <li key={view.id}>
              {view.title[locale] || view.title.fr}{' '}
              <RowAction
                ctx={ctx}
                action={model.removeAction(view.id)}
                fields={{}}
                label={t('remove')}
                fullLabel={t('viewRemove', { title: view.title[locale] || view.title.fr })}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <h3 id="ajouter-vue">{t('viewAdd')}</h3>
      <PostForm ctx={ctx} action={model.addAction} id="formulaire-vue">
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <TextField
          ctx={ctx}
          name="title_fr"
          label={labels.title_fr ?? ''}
          errors={errors}
          value={values.title_fr}
          required
        />
        <TextField
          ctx={ctx}
          name="title_en"
          label={labels.title_en ?? ''}
          errors={errors}
          value={values.title_en}
        />
        <ChoiceGroup
          ctx={ctx}
          type="radio"
          name="kind"
          label={labels.kind ?? ''}
          errors={errors}
          values={[values.kind || 'bar']}
          choices={[
            { value: 'bar', label: t('viewKindBar') },
            { value: 'line', label: t('viewKindLine') },
            { value: 'scatter', label: t('viewKindScatter') },
            { value: 'map', label: t('viewKindMap') },
          ]}
        />
        {(['category', 'x', 'y', 'measure', 'measure_column', 'latitude', 'longitude'] as const).map(
          (field) => {
            const kinds = Object.entries(KIND_FIELDS)
              .filter(([, fields]) => (fields as readonly string[]).includes(field))
              .map(([kind]) => kind);
            return (
              <div key={field} data-view-kinds={kinds.join(' ')}>
                {field === 'measure'
                  ? select('measure', [
                      { value: 'count', label: t('viewMeasureCount') },
                      { value: 'sum', label: t('viewMeasureSum') },
                      { value: 'avg', label: t('viewMeasureAvg') },
                    ])
                  : select(field, columns)}
              </div>
            );
          },
        )}
        <div class="quai-form-buttons">
          <button type="submit" class="qc-button qc-primary">
            {t('viewSave')}
          </button>
          <button type="submit" name="preview" value="1" class="qc-button qc-secondary">
            {t('viewPreview')}
          </button>
        </div>
      </PostForm>
    </section>
  );
}
