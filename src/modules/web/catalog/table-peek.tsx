import type { Column } from '../../datastore/index.js';
import { formatExactNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ScrollRegion } from '../ui/scroll-region.js';

/** The first rows of a dataset's main table, as the dataset page shows them. */
export interface TablePeekModel {
  datasetName: string;
  resourceId: string;
  resourceName: string;
  columns: Column[];
  rows: unknown[][];
  total: number;
}

const SHOWN_COLUMNS = 8;

/**
 * A glimpse of the data on the dataset page: its first rows and columns, and the way to the
 * whole table (filters, sorting, charts) on the resource's page.
 */
export function TablePeek({ ctx, model }: { ctx: PageContext; model: TablePeekModel }) {
  const { t, locale } = ctx;
  const columns = model.columns.filter((column) => column.id !== '_id' && column.type !== 'json');
  const shown = columns.slice(0, SHOWN_COLUMNS);
  const cell = (value: unknown) =>
    value === null || value === undefined
      ? ''
      : typeof value === 'number'
        ? formatExactNumber(locale, value)
        : String(value);
  return (
    <section aria-labelledby="apercu-table">
      <h2 id="apercu-table">{t('peekTitle')}</h2>
      <ScrollRegion labelledBy="apercu-table-legende">
        <table class="quai-table">
          <caption id="apercu-table-legende">
            {t('peekCaption', {
              name: model.resourceName,
              rows: model.rows.length,
              total: formatExactNumber(locale, model.total),
            })}
            {columns.length > shown.length
              ? ` ${t('peekMoreColumns', { count: columns.length - shown.length })}`
              : ''}
          </caption>
          <thead>
            <tr>
              {shown.map((column) => (
                <th key={column.id} scope="col">
                  {column.label?.[locale] || column.id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {model.rows.map((row, index) => (
              <tr key={index}>
                {shown.map((column) => (
                  <td key={column.id}>{cell(row[model.columns.indexOf(column)])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p>
        <a href={href(locale, 'resource', { name: model.datasetName, id: model.resourceId })}>
          {t('peekAll')}
        </a>
      </p>
    </section>
  );
}
