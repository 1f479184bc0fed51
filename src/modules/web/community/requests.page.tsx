import type { Group } from '../../catalog/index.js';
import type { DataRequest, RequestSort, RequestStatus } from '../../community/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';
import { excerpt } from '../ui/markdown.js';
import { Pagination } from '../ui/pagination.js';

export const STATUS_LABELS: Record<RequestStatus, MessageKey> = {
  open: 'drStatusOpen',
  under_review: 'drStatusUnderReview',
  planned: 'drStatusPlanned',
  published: 'drStatusPublished',
  refused: 'drStatusRefused',
};
const SORT_LABELS: Record<RequestSort, MessageKey> = {
  supported: 'drSortSupported',
  newest: 'drSortNewest',
  updated: 'drSortUpdated',
};

export interface RequestListState {
  status: RequestStatus | null;
  organization: string | null;
  q: string;
  sort: RequestSort;
  page: number;
}

export interface RequestsView {
  state: RequestListState;
  total: number;
  requests: DataRequest[];
  organizations: Group[];
  pageSize: number;
  signedIn: boolean;
}

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: RequestStatus }) {
  return <span class={`quai-badge quai-status-${status}`}>{ctx.t(STATUS_LABELS[status])}</span>;
}

/** The list of data requests: filters, order, each request with its status and supporters. */
export function RequestsPage({ ctx, view }: { ctx: PageContext; view: RequestsView }) {
  const { t, locale } = ctx;
  const { state } = view;
  const organizationsById = new Map(
    view.organizations.map((organization) => [organization.id, organization]),
  );
  const query = (page: number) => {
    const params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    if (state.status) params.set('statut', state.status);
    if (state.organization) params.set('organisation', state.organization);
    if (state.sort !== 'supported') params.set('ordre', state.sort);
    if (page > 1) params.set('page', String(page));
    return params.toString() || undefined;
  };
  return (
    <Layout
      ctx={ctx}
      title={t('drTitle')}
      breadcrumbs={[{ label: t('drTitle') }]}
      head={
        <link
          rel="alternate"
          type="application/atom+xml"
          title={t('drFeed')}
          href={`/feeds/data-requests.atom?lang=${locale}`}
        />
      }
    >
      <h1>{t('drTitle')}</h1>
      <p>{t('drLead')}</p>
      <p>
        {view.signedIn ? (
          <a class="qc-button qc-primary" href={href(locale, 'newDataRequest')}>
            {t('drAsk')}
          </a>
        ) : (
          <a href={href(locale, 'signIn', {}, `next=${encodeURIComponent(href(locale, 'newDataRequest'))}`)}>
            {t('drSignInToAsk')}
          </a>
        )}
      </p>
      <form
        method="get"
        action={href(locale, 'dataRequests')}
        class="quai-request-filters"
        aria-labelledby="filtres"
      >
        <h2 id="filtres" class="quai-h-small">
          {t('drFilters')}
        </h2>
        <div class="quai-field">
          <label class="quai-label" for="filtre-mots">
            {t('drWords')}
          </label>
          <input class="quai-input" id="filtre-mots" name="q" type="search" value={state.q} />
        </div>
        <div class="quai-field">
          <label class="quai-label" for="filtre-statut">
            {t('drStatus')}
          </label>
          <select class="quai-input quai-select" id="filtre-statut" name="statut">
            <option value="">{t('drAnyStatus')}</option>
            {Object.entries(STATUS_LABELS).map(([status, label]) => (
              <option key={status} value={status} selected={state.status === status}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        <div class="quai-field">
          <label class="quai-label" for="filtre-organisation">
            {t('drOrganization')}
          </label>
          <select class="quai-input quai-select" id="filtre-organisation" name="organisation">
            <option value="">{t('drAnyOrganization')}</option>
            {view.organizations.map((organization) => (
              <option
                key={organization.name}
                value={organization.name}
                selected={state.organization === organization.name}
              >
                {pickTitle(locale, organization.title).text}
              </option>
            ))}
          </select>
        </div>
        <div class="quai-field">
          <label class="quai-label" for="filtre-ordre">
            {t('drSort')}
          </label>
          <select class="quai-input quai-select" id="filtre-ordre" name="ordre">
            {Object.entries(SORT_LABELS).map(([sort, label]) => (
              <option key={sort} value={sort} selected={state.sort === sort}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="qc-button qc-secondary">
          {t('drApply')}
        </button>
      </form>
      <p role="status">{t('drCount', { count: formatNumber(locale, view.total) })}</p>
      {view.requests.length === 0 ? <p>{t('drNone')}</p> : null}
      <ul class="quai-request-list">
        {view.requests.map((request) => {
          const organization = request.organizationId ? organizationsById.get(request.organizationId) : null;
          return (
            <li key={request.id}>
              <h2 class="quai-h-small">
                <a href={href(locale, 'dataRequest', { number: String(request.number) })}>{request.title}</a>
                <StatusBadge ctx={ctx} status={request.status} />
              </h2>
              <p>{excerpt(request.description, 220)}</p>
              <p class="quai-meta">
                {t('drSupporters', { count: formatNumber(locale, request.supporters) })}
                {' · '}
                {t('drAskedBy', { name: request.author.name, date: formatDate(locale, request.created) })}
                {organization ? (
                  <>
                    {' · '}
                    <Text value={pickTitle(locale, organization.title)} />
                  </>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
      <Pagination
        ctx={ctx}
        page={state.page}
        pages={Math.ceil(view.total / view.pageSize)}
        link={(page) => href(locale, 'dataRequests', {}, query(page))}
      />
    </Layout>
  );
}
