import type { Column } from '../../datastore/index.js';
import { findSet } from '../../reference/index.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { pickTitle, Text } from '../ui/localized.js';
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

/**
 * What each column holds, as its publisher described it: for readers and for reusers' code; a
 * column of codes bound to a reference set links to the set.
 */
export function DataDictionary({ ctx, columns }: { ctx: PageContext; columns: Column[] }) {
  const { t, locale } = ctx;
  const shown = columns.filter((column) => column.id !== '_id');
  const bound = shown.some((column) => column.reference);
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
              {bound ? <th scope="col">{t('dictionaryReference')}</th> : null}
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
                {bound ? (
                  <td>{column.reference ? <SetLink ctx={ctx} set={column.reference.set} /> : null}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}

/** A link to a reference set's page, named by its title. */
export function SetLink({ ctx, set }: { ctx: PageContext; set: string }) {
  const title = findSet(set)?.title;
  return (
    <a href={href(ctx.locale, 'referenceSet', { set })}>
      {title ? <Text value={pickTitle(ctx.locale, title)} /> : <code>{set}</code>}
    </a>
  );
}
