import type { UsageMonth } from '../../catalog/index.js';
import { formatNumber } from '../i18n/format.js';
import type { PageContext } from '../shell/page-context.js';
import { ScrollRegion } from '../ui/scroll-region.js';

const MONTH_FORMAT = {
  fr: new Intl.DateTimeFormat('fr-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

/**
 * How much a dataset is used, by month: views of its page, downloads of its files and data, API
 * reads. Counted without addresses or cookies, robots left out (docs/usage-statistics.md).
 */
export function UsageSection({ ctx, months }: { ctx: PageContext; months: UsageMonth[] }) {
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
      <p class="quai-hint">{t('usageMethod')}</p>
    </section>
  );
}
