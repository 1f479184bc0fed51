import type { SearchResult } from '../../catalog/index.js';
import { DatasetSummary } from '../catalog/dataset-summary.js';
import { PAGE_SIZE } from '../catalog/search-state.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { Pagination } from '../ui/pagination.js';

export interface ProfileView {
  user: { name: string; fullname: string | null; about: string | null; created: Date };
  /** The datasets this person created that the reader may see. */
  result: SearchResult;
  page: number;
}

/**
 * A person's public page (CKAN's /user/<name> leads here): their name, what they say about
 * themself, and the datasets they created. Never their address or their organisations' rosters.
 */
export function ProfilePage({ ctx, view }: { ctx: PageContext; view: ProfileView }) {
  const { t, locale } = ctx;
  const name = view.user.fullname ?? view.user.name;
  const self = (page: number) =>
    href(locale, 'profile', { name: view.user.name }, page > 1 ? `page=${page}` : undefined);
  return (
    <Layout ctx={ctx} title={name} breadcrumbs={[{ label: name }]}>
      <h1>{name}</h1>
      <p>
        {t('profileLogin', { name: view.user.name })} ·{' '}
        {t('memberSince', { date: formatDate(locale, view.user.created) })}
      </p>
      {view.user.about ? <p class="quai-prose">{view.user.about}</p> : null}
      <h2>{t('datasetsCreatedBy', { name })}</h2>
      <p role="status">{t('datasetCount', { count: formatNumber(locale, view.result.count) })}</p>
      {view.result.datasets.map((dataset) => (
        <DatasetSummary key={dataset.id} ctx={ctx} dataset={dataset} />
      ))}
      <Pagination ctx={ctx} page={view.page} pages={Math.ceil(view.result.count / PAGE_SIZE)} link={self} />
    </Layout>
  );
}
