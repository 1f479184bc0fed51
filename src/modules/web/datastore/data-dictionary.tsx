import type { Column } from '../../datastore/index.js';
import type { MessageKey } from '../i18n/messages.js';
import type { PageContext } from '../shell/page-context.js';
import { ScrollRegion } from '../ui/scroll-region.js';

const TYPE_NAMES: Record<Column['type'], MessageKey> = {
  text: 'typeText',
  integer: 'typeInteger',
  decimal: 'typeDecimal',
  boolean: 'typeBoolean',
  date: 'typeDate',
  timestamp: 'typeTimestamp',
  json: 'typeJson',
};

export const typeName = (ctx: PageContext, type: Column['type']) => ctx.t(TYPE_NAMES[type]);

/** What each column holds, as its publisher described it: for readers and for reusers' code. */
export function DataDictionary({ ctx, columns }: { ctx: PageContext; columns: Column[] }) {
  const { t, locale } = ctx;
  const shown = columns.filter((column) => column.id !== '_id');
  return (
    <details class="quai-chart-data">
      <summary>{t('dictionaryTitle')}</summary>
      <ScrollRegion labelledBy="dictionnaire-legende">
        <table class="quai-table">
          <caption id="dictionnaire-legende">{t('dictionaryTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dictionaryColumnName')}</th>
              <th scope="col">{t('dictionaryLabel')}</th>
              <th scope="col">{t('dictionaryType')}</th>
              <th scope="col">{t('dictionaryDescription')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((column) => (
              <tr key={column.id}>
                <th scope="row">
                  <code>{column.id}</code>
                </th>
                <td>{column.label?.[locale] ?? ''}</td>
                <td>{typeName(ctx, column.type)}</td>
                <td>{column.description?.[locale] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
