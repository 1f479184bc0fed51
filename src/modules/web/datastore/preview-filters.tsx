import type { Column } from '../../datastore/index.js';
import type { PageContext } from '../shell/page-context.js';
import { fieldId } from '../ui/form-fields.js';

const RANGED = new Set(['integer', 'decimal', 'date', 'timestamp']);

/**
 * Filters by column, in the preview's GET form (so in the URL, without JavaScript): a value list
 * for few-valued text and yes/no columns, a from–to range for numbers and dates, words for other
 * text. Shown once the reader asks for them, or while one is active.
 */
export function ColumnFilters({
  ctx,
  columns,
  state,
  choices,
}: {
  ctx: PageContext;
  columns: Column[];
  /** The column filters in the address (`ville=Lévis`, `montant__gte=100`). */
  state: { columns: [string, string][] };
  choices: Record<string, string[]>;
}) {
  const { t, locale } = ctx;
  const value = (param: string) => state.columns.find(([key]) => key === param)?.[1] ?? '';
  const input = (param: string, label: string, hint?: string) => (
    <div class="quai-field" key={param}>
      <label class="quai-label" for={fieldId(`f-${param}`)}>
        {label}
      </label>
      {hint ? (
        <p class="quai-hint" id={`${fieldId(`f-${param}`)}-aide`}>
          {hint}
        </p>
      ) : null}
      <input
        class="quai-input"
        type="text"
        id={fieldId(`f-${param}`)}
        name={param}
        value={value(param)}
        aria-describedby={hint ? `${fieldId(`f-${param}`)}-aide` : undefined}
      />
    </div>
  );
  return (
    <fieldset class="quai-column-filters" id="filtres-colonnes">
      <legend>{t('dataColumnFilters')}</legend>
      <input type="hidden" name="filtres" value="1" />
      {columns
        .filter((column) => column.type !== 'json' && column.id !== '_id' && column.id !== 'geometry')
        .map((column) => {
          const name = column.label?.[locale] || column.id;
          const listed = choices[column.id];
          if (listed) {
            return (
              <div class="quai-field" key={column.id}>
                <label class="quai-label" for={fieldId(`f-${column.id}`)}>
                  {name}
                </label>
                <select class="quai-input quai-select" id={fieldId(`f-${column.id}`)} name={column.id}>
                  <option value="">{t('dataAnyValue')}</option>
                  {listed.map((option) => (
                    <option key={option} value={option} selected={value(column.id) === option}>
                      {option}
                    </option>
                  ))}
                </select>
              </div>
            );
          }
          if (RANGED.has(column.type)) {
            const hint =
              column.type === 'date' || column.type === 'timestamp' ? t('fieldDateHint') : undefined;
            return (
              <div class="quai-field-row" key={column.id}>
                {input(`${column.id}__gte`, t('dataFrom', { column: name }), hint)}
                {input(`${column.id}__lte`, t('dataTo', { column: name }), hint)}
              </div>
            );
          }
          return input(`${column.id}__contains`, t('dataContains', { column: name }));
        })}
    </fieldset>
  );
}
