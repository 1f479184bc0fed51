import type { Group } from '../../catalog/index.js';
import type { OrganizationQuality } from '../../quality/index.js';
import { formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';
import { Pagination } from '../ui/pagination.js';

export const DASHBOARD_PAGE_SIZE = 50;

export interface DashboardView {
  organization: Group;
  quality: OrganizationQuality;
  page: number;
}

/** An organisation's datasets by metadata quality, worst first, each with what to improve. */
export function DashboardPage({ ctx, view }: { ctx: PageContext; view: DashboardView }) {
  const { t, locale } = ctx;
  const { quality } = view;
  const name = pickTitle(locale, view.organization.title);
  const title = t('qualDashTitle', { name: name.text });
  const pages = Math.ceil(quality.count / DASHBOARD_PAGE_SIZE);
  const average = quality.average === null ? null : formatNumber(locale, quality.average);
  return (
    <Layout
      ctx={ctx}
      title={view.page > 1 ? `${title} (${t('pageNumber', { page: view.page })})` : title}
      breadcrumbs={[
        { label: t('workspaceTitle'), href: href(locale, 'workspace') },
        { label: name.text, href: href(locale, 'organization', { name: view.organization.name }) },
        { label: t('qualTitle') },
      ]}
    >
      <h1>{title}</h1>
      <p>{t('qualDashLead')}</p>
      <dl class="quai-facts">
        <div>
          <dt>{t('qualAverage')}</dt>
          <dd>{average === null ? t('qualNotScored') : t('qualScoreOf', { score: average })}</dd>
        </div>
        <div>
          <dt>{t('qualScoredCount')}</dt>
          <dd>
            {t('qualScoredOf', {
              scored: formatNumber(locale, quality.scored),
              count: formatNumber(locale, quality.count),
            })}
          </dd>
        </div>
        <div>
          <dt>{t('qualBandsLabel')}</dt>
          <dd>{t('qualBandsText', quality.bands)}</dd>
        </div>
      </dl>
      <h2 id="qualite-jeux">{t('qualDatasetsTable')}</h2>
      {quality.datasets.length === 0 ? (
        <p>{t('qualNoDatasets')}</p>
      ) : (
        <ol
          class="quai-quality-list"
          aria-labelledby="qualite-jeux"
          start={(view.page - 1) * DASHBOARD_PAGE_SIZE + 1}
        >
          {quality.datasets.map((dataset) => (
            <DashboardItem key={dataset.id} ctx={ctx} dataset={dataset} />
          ))}
        </ol>
      )}
      <Pagination
        ctx={ctx}
        page={view.page}
        pages={pages}
        link={(page) =>
          href(
            locale,
            'organizationQuality',
            { name: view.organization.name },
            page > 1 ? `page=${page}` : undefined,
          )
        }
      />
    </Layout>
  );
}

/** One dataset of the dashboard: its score in words, then what to improve, heaviest first. */
function DashboardItem({
  ctx,
  dataset,
}: {
  ctx: PageContext;
  dataset: OrganizationQuality['datasets'][number];
}) {
  const { t, locale } = ctx;
  const failed = [...dataset.failed].sort((a, b) => b.weight - a.weight);
  return (
    <li class="quai-quality-item">
      <h3 class="quai-h-card">
        <a href={`${href(locale, 'dataset', { name: dataset.name })}#qualite`}>
          <Text value={pickTitle(locale, dataset.title)} />
        </a>
        {dataset.private ? <span class="quai-badge quai-badge-private"> {t('privateBadge')}</span> : null}
        {dataset.state === 'draft' ? (
          <span class="quai-badge quai-badge-draft"> {t('draftBadge')}</span>
        ) : null}
      </h3>
      <p class="quai-quality-item-score">
        {dataset.score === null || dataset.band === null
          ? `${t('labelColon', { label: t('qualColScore') })} ${t('qualNotScored')}`
          : t('qualScoreSentence', {
              score: dataset.score,
              band: t(`qualBand${dataset.band}` as MessageKey),
            })}
      </p>
      {dataset.score === null ? null : failed.length === 0 ? (
        <p>{t('qualNothingFailed')}</p>
      ) : (
        <>
          <p class="quai-quality-item-label">{t('qualColFailed')}</p>
          <ul>
            {failed.map((criterion) => (
              <li key={criterion.id}>
                <strong>{t('labelColon', { label: criterion.title[locale] })}</strong>{' '}
                {criterion.evidence[locale]}
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}
