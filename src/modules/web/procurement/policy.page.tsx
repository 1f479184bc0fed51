import type { ProcurementLinks } from '../../procurement/index.js';
import { BULK_TABLES, PERIOD_FILE_NAMES } from '../../procurement/index.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { ScrollRegion } from '../ui/scroll-region.js';

export interface ProcurementPolicyView {
  months: { period: string; count: number }[];
  weeks: { period: string; count: number }[];
  counts: { releases: number; records: number };
  links: ProcurementLinks;
}

/** What is published, under which licence, and every bulk file by month and by week. */
export function ProcurementPolicyPage({ ctx, view }: { ctx: PageContext; view: ProcurementPolicyView }) {
  const { t, locale } = ctx;
  const { links } = view;
  const periods = [...view.months, ...view.weeks].reverse();
  return (
    <Layout
      ctx={ctx}
      title={t('policyTitle')}
      section="tenders"
      breadcrumbs={[{ label: t('tendersTitle'), href: href(locale, 'tenders') }, { label: t('policyTitle') }]}
    >
      <h1>{t('policyTitle')}</h1>
      <p>{t('policyIntro')}</p>
      <ul>
        <li>{t('policyLicence')}</li>
        <li>
          {t('policyApi')} <a href={links.releases}>{links.releases}</a>
        </li>
        <li>
          {formatNumber(locale, view.counts.releases)} {t('policyReleases').toLowerCase()} ·{' '}
          {t('tenderCount', { count: formatNumber(locale, view.counts.records) })}
        </li>
        {BULK_TABLES.map((table) => (
          <li key={table}>
            <a href={links.bulk('all', `${table}.csv`)}>{`${table}.csv`}</a>
          </li>
        ))}
      </ul>
      <section aria-labelledby="telechargements">
        <h2 id="telechargements">{t('policyBulk')}</h2>
        {periods.length === 0 ? (
          <p>{t('policyNoData')}</p>
        ) : (
          <ScrollRegion labelledBy="telechargements">
            <table class="quai-table">
              <thead>
                <tr>
                  <th scope="col">{t('policyPeriod')}</th>
                  <th scope="col" class="quai-number">
                    {t('policyReleases')}
                  </th>
                  <th scope="col">{t('policyFiles')}</th>
                </tr>
              </thead>
              <tbody>
                {periods.map(({ period, count }) => (
                  <tr key={period}>
                    <td>{period}</td>
                    <td class="quai-number">{formatNumber(locale, count)}</td>
                    <td>
                      {PERIOD_FILE_NAMES.map((file, index) => (
                        <span key={file}>
                          {index > 0 ? ' · ' : null}
                          <a href={links.bulk(period, file)}>{file}</a>
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </Layout>
  );
}
