import type { Role } from '../../accounts/index.js';
import type { Group, SearchResult } from '../../catalog/index.js';
import { DatasetSummary } from '../catalog/dataset-summary.js';
import { PAGE_SIZE } from '../catalog/search-state.js';
import { formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { PostForm } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';
import { Pagination } from '../ui/pagination.js';

export const ROLE_LABELS: Record<Role, MessageKey> = {
  admin: 'roleAdmin',
  editor: 'roleEditor',
  member: 'roleMember',
};

export interface WorkspaceView {
  userName: string;
  sysadmin: boolean;
  memberships: { organization: Group; role: Role }[];
  /** Private datasets and drafts included. */
  datasets: SearchResult;
  page: number;
  canPublish: boolean;
  /** Whether the account's address is confirmed (taking part needs it). */
  verified: boolean;
}

export function WorkspacePage({ ctx, view }: { ctx: PageContext; view: WorkspaceView }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('workspaceTitle')} breadcrumbs={[{ label: t('workspaceTitle') }]}>
      <h1>{t('workspaceTitle')}</h1>
      <p>
        {t('signedInAs', { name: view.userName })}
        {view.sysadmin ? ` (${t('roleSysadmin')})` : null}
      </p>
      {view.verified ? null : (
        <div class="quai-callout quai-callout-warning">
          <p>{t('unverifiedNotice')}</p>
          <PostForm ctx={ctx} action={href(locale, 'resendVerification')}>
            <button type="submit" class="qc-button qc-secondary">
              {t('resendVerification')}
            </button>
          </PostForm>
        </div>
      )}
      <ul class="quai-actions">
        {view.canPublish ? (
          <li>
            <a class="qc-button qc-primary" href={href(locale, 'newDataset')}>
              {t('newDataset')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="qc-button qc-secondary" href={href(locale, 'tokens')}>
            {t('apiTokens')}
          </a>
        </li>
        <li>
          <a class="qc-button qc-secondary" href={href(locale, 'myJoinRequests')}>
            {t('myJrTitle')}
          </a>
        </li>
        {view.sysadmin || view.memberships.some(({ role }) => role === 'admin') ? (
          <li>
            <a class="qc-button qc-secondary" href={href(locale, 'harvestSources')}>
              {t('hvTitle')}
            </a>
          </li>
        ) : null}
        {view.sysadmin ? (
          <li>
            <a class="qc-button qc-secondary" href={href(locale, 'joinRequests')}>
              {t('jrTitle')}
            </a>
          </li>
        ) : null}
        <li>
          <a class="qc-button qc-secondary" href={href(locale, 'follows')}>
            {t('fwTitle')}
          </a>
        </li>
        <li>
          <a class="qc-button qc-secondary" href={href(locale, 'webhooks')}>
            {t('whTitle')}
          </a>
        </li>
        <li>
          <a class="qc-button qc-tertiary" href={href(locale, 'deleteAccount')}>
            {t('deleteTitle')}
          </a>
        </li>
      </ul>

      <section aria-labelledby="mes-organisations">
        <h2 id="mes-organisations">{t('myOrganizations')}</h2>
        {view.memberships.length === 0 ? (
          <p>{t(view.sysadmin ? 'sysadminAllOrganizations' : 'noOrganization')}</p>
        ) : null}
        <ul class="quai-group-list">
          {view.memberships.map(({ organization, role }) => (
            <li key={organization.id}>
              <h3 class="quai-h-card">
                <a href={href(locale, 'organization', { name: organization.name })}>
                  <Text value={pickTitle(locale, organization.title)} />
                </a>
              </h3>
              <p>
                {t('labelColon', { label: t('role') })} {t(ROLE_LABELS[role])}
              </p>
              <ul class="quai-inline-list">
                <li>
                  <a href={href(locale, 'members', { name: organization.name })}>{t('members')}</a>
                </li>
                <li>
                  <a href={href(locale, 'organizationQuality', { name: organization.name })}>
                    {t('qualDashLink')}
                  </a>
                </li>
              </ul>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="mes-jeux">
        <h2 id="mes-jeux">{t('myDatasets')}</h2>
        <p role="status">{t('datasetCount', { count: formatNumber(locale, view.datasets.count) })}</p>
        {view.datasets.datasets.map((dataset) => (
          <DatasetSummary key={dataset.id} ctx={ctx} dataset={dataset} />
        ))}
        <Pagination
          ctx={ctx}
          page={view.page}
          pages={Math.ceil(view.datasets.count / PAGE_SIZE)}
          link={(page) => href(locale, 'workspace', {}, page > 1 ? `page=${page}` : undefined)}
        />
      </section>
    </Layout>
  );
}
