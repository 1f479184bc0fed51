import type { Dataset, ResourceUsage, UsageMonth } from '../../catalog/index.js';
import { formatNumber } from '../i18n/format.js';
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
 * reads. Counted without addresses or cookies, robots left out (docs/usage-statistics.md).
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
  return (
    <section aria-labelledby="utilisation">
      <h2 id="utilisation">{t('usageTitle')}</h2>
      {months.length === 0 ? (
        <p>{t('usageNone')}</p>
      ) : (
        <ScrollRegion labelledBy="utilisation-legende">
          <table class="quai-table">
            <caption id="utilisation-legende">{t('usageCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('usageMonth')}</th>
                <th scope="col" class="quai-number">
                  {t('usageViews')}
                </th>
                <th scope="col" class="quai-number">
                  {t('usageDownloads')}
                </th>
                <th scope="col" class="quai-number">
                  {t('usageApi')}
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((month) => (
                <tr key={month.month}>
                  <th scope="row">{MONTH_FORMAT[locale].format(new Date(`${month.month}T00:00:00Z`))}</th>
                  <td class="quai-number">{formatNumber(locale, month.views)}</td>
                  <td class="quai-number">{formatNumber(locale, month.downloads)}</td>
                  <td class="quai-number">{formatNumber(locale, month.api)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {dataset && resources.length > 0 ? <ByResource ctx={ctx} dataset={dataset} rows={resources} /> : null}
      <p class="quai-hint">{t('usageMethod')}</p>
    </section>
  );
}

function ByResource({ ctx, dataset, rows }: { ctx: PageContext; dataset: Dataset; rows: ResourceUsage[] }) {
  const { t, locale } = ctx;
  return (
    <ScrollRegion labelledBy="utilisation-ressources">
      <table class="quai-table">
        <caption id="utilisation-ressources">{t('usageByResource')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('usageResource')}</th>
            <th scope="col" class="quai-number">
              {t('usageResourceViews')}
            </th>
            <th scope="col" class="quai-number">
              {t('usageDownloads')}
            </th>
            <th scope="col" class="quai-number">
              {t('usageApi')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const index = dataset.resources.findIndex((resource) => resource.id === row.resourceId);
            const resource = dataset.resources[index];
            if (!resource) return null;
            const name = resourceName(ctx, resource, index);
            return (
              <tr key={row.resourceId}>
                <th scope="row">
                  <a
                    href={href(locale, 'resource', { name: dataset.name, id: row.resourceId })}
                    lang={name.lang}
                  >
                    {name.text}
                  </a>
                </th>
                <td class="quai-number">{formatNumber(locale, row.views)}</td>
                <td class="quai-number">{formatNumber(locale, row.downloads)}</td>
                <td class="quai-number">{formatNumber(locale, row.api)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
