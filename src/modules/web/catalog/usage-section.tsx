import type { ComponentChild } from 'preact';
import type { Dataset, ResourceUsage, UsageMonth } from '../../catalog/index.js';
import { formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { resourceName } from './resources.js';

const MONTH_FORMAT = {
  fr: new Intl.DateTimeFormat('fr-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/**
 * How much a dataset is used, by month: views of its page, downloads of its files and data, API
 * reads; on a dataset's page, each resource's too. Counted without addresses or cookies, robots
 * left out (docs/usage-statistics.md).
 */
export function UsageSection({
  ctx,
  months,
  dataset,
  resources = [],
}: {
  ctx: PageContext;
  months: UsageMonth[];
  /** On a dataset's page: the dataset, and each resource's use over the same twelve months. */
  dataset?: Dataset;
  resources?: ResourceUsage[];
}) {
  const { t, locale } = ctx;
  const byResource = dataset
    ? resources.flatMap((usage) => {
        const index = dataset.resources.findIndex((resource) => resource.id === usage.resourceId);
        const resource = dataset.resources[index];
        if (!resource) return [];
        const name = resourceName(ctx, resource, index);
        const link = href(locale, 'resource', { name: dataset.name, id: usage.resourceId });
        return [
          {
            key: usage.resourceId,
            head: (
              <a href={link} lang={name.lang}>
                {name.text}
              </a>
            ),
            counts: usage,
          },
        ];
      })
    : [];
  return (
    <section aria-labelledby="utilisation">
      <h2 id="utilisation">{t('usageTitle')}</h2>
      {months.length === 0 ? (
        <p>{t('usageNone')}</p>
      ) : (
        <CountsTable
          ctx={ctx}
          id="utilisation-legende"
          caption="usageCaption"
          first="usageMonth"
          views="usageViews"
          rows={months.map((month) => ({
            key: month.month,
            head: MONTH_FORMAT[locale].format(new Date(`${month.month}T00:00:00Z`)),
            counts: month,
          }))}
        />
      )}
      {byResource.length > 0 ? (
        <CountsTable
          ctx={ctx}
          id="utilisation-ressources"
          caption="usageByResource"
          first="usageResource"
          views="usageResourceViews"
          rows={byResource}
        />
      ) : null}
      <p class="quai-hint">{t('usageMethod')}</p>
    </section>
  );
}

/** Rows of views, downloads and API calls, each headed by a month or a resource. */
function CountsTable({
  ctx,
  id,
  caption,
  first,
  views,
  rows,
}: {
  ctx: PageContext;
  id: string;
  caption: MessageKey;
  first: MessageKey;
  views: MessageKey;
  rows: { key: string; head: ComponentChild; counts: { views: number; downloads: number; api: number } }[];
}) {
  const { t, locale } = ctx;
  return (
    <ScrollRegion labelledBy={id}>
      <table class="quai-table">
        <caption id={id}>{t(caption)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(first)}</th>
            {[views, 'usageDownloads' as const, 'usageApi' as const].map((key) => (
              <th key={key} scope="col" class="quai-number">
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.head}</th>
              <td class="quai-number">{formatNumber(locale, row.counts.views)}</td>
              <td class="quai-number">{formatNumber(locale, row.counts.downloads)}</td>
              <td class="quai-number">{formatNumber(locale, row.counts.api)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
