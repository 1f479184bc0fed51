import type { AlertEvent, AlertSettings, Follow } from '../../community/index.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ChoiceGroup, PostForm, RowAction } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { ScrollRegion } from '../ui/scroll-region.js';

export const KIND_LABELS: Record<Follow['kind'], MessageKey> = {
  dataset: 'fwKindDataset',
  organization: 'fwKindOrganization',
  theme: 'fwKindTheme',
  search: 'fwKindSearch',
  buyer: 'fwKindBuyer',
  category: 'fwKindCategory',
  enterprise: 'fwKindEnterprise',
};

export interface FollowsView {
  follows: Follow[];
  settings: AlertSettings;
  recent: AlertEvent[];
  /** Whether the person's address is confirmed (no mail goes before). */
  verified: boolean;
}

/** Where a follow leads: the followed thing's page. */
function followHref(locale: 'fr' | 'en', follow: Follow): string {
  switch (follow.kind) {
    case 'search':
      return href(locale, 'search', {}, `q=${encodeURIComponent(follow.target)}`);
    case 'enterprise':
      return href(locale, 'enterprise', { neq: follow.target });
    case 'buyer':
      return href(locale, 'tenders', {}, `buyer=${encodeURIComponent(follow.target)}`);
    case 'category':
      return href(locale, 'tenders', {}, `category=${encodeURIComponent(follow.target)}`);
    // Datasets and groups are followed by id (their names may change): their pages take ids too.
    case 'dataset':
      return href(locale, 'dataset', { name: follow.target });
    case 'organization':
      return href(locale, 'organization', { name: follow.target });
    case 'theme':
      return href(locale, 'theme', { name: follow.target });
  }
}

/** The workspace's follows: what I follow, how often I am mailed, my private feed, what changed. */
export function FollowsPage({ ctx, view }: { ctx: PageContext; view: FollowsView }) {
  const { t, locale } = ctx;
  const action = href(locale, 'follows');
  const { settings } = view;
  return (
    <Layout
      ctx={ctx}
      title={t('fwTitle')}
      breadcrumbs={[{ label: t('workspaceTitle'), href: href(locale, 'workspace') }, { label: t('fwTitle') }]}
    >
      <h1>{t('fwTitle')}</h1>
      <p>{t('fwLead')}</p>

      <section aria-labelledby="mes-suivis">
        <h2 id="mes-suivis">{t('fwMine')}</h2>
        {view.follows.length === 0 ? (
          <p>{t('fwNone')}</p>
        ) : (
          <ScrollRegion labelledBy="mes-suivis">
            <table class="quai-table">
              <thead>
                <tr>
                  <th scope="col">{t('fwWhat')}</th>
                  <th scope="col">{t('fwKind')}</th>
                  <th scope="col">{t('fwSince')}</th>
                  <th scope="col">{t('memberActions')}</th>
                </tr>
              </thead>
              <tbody>
                {view.follows.map((follow) => {
                  return (
                    <tr key={follow.id}>
                      <th scope="row">
                        <a href={followHref(locale, follow)}>{follow.label}</a>
                      </th>
                      <td>{t(KIND_LABELS[follow.kind])}</td>
                      <td>{formatDateTime(locale, follow.created)}</td>
                      <td>
                        <RowAction
                          ctx={ctx}
                          action={action}
                          fields={{ action: 'unfollow', id: follow.id }}
                          label={t('fwUnfollow')}
                          fullLabel={t('fwUnfollowWhat', { label: follow.label })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="frequence">
        <h2 id="frequence">{t('fwFrequency')}</h2>
        {view.verified ? null : <p class="quai-callout">{t('fwNoAddress')}</p>}
        <PostForm ctx={ctx} action={action}>
          <input type="hidden" name="action" value="frequency" />
          <ChoiceGroup
            ctx={ctx}
            type="radio"
            name="frequency"
            label={t('fwHowOften')}
            errors={{}}
            values={[settings.frequency]}
            choices={[
              { value: 'immediate', label: t('fwImmediate') },
              { value: 'daily', label: t('fwDaily') },
              { value: 'weekly', label: t('fwWeekly') },
              { value: 'never', label: t('fwNever') },
            ]}
          />
          <button type="submit" class="qc-button qc-primary">
            {t('fwSave')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="fil-prive">
        <h2 id="fil-prive">{t('fwFeed')}</h2>
        <p id="fil-prive-aide">{t('fwFeedHint')}</p>
        <p>
          <label for="adresse-fil" class="quai-visually-hidden">
            {t('fwFeed')}
          </label>
          <input
            id="adresse-fil"
            class="quai-input quai-input-long quai-code"
            readOnly
            value={settings.feedUrl}
            aria-describedby="fil-prive-aide"
          />
        </p>
        <RowAction
          ctx={ctx}
          action={action}
          fields={{ action: 'feed' }}
          label={t('fwNewFeed')}
          fullLabel={t('fwNewFeedFull')}
        />
      </section>

      <section aria-labelledby="derniers-changements">
        <h2 id="derniers-changements">{t('fwRecent')}</h2>
        {view.recent.length === 0 ? (
          <p>{t('fwNoRecent')}</p>
        ) : (
          <ul class="quai-list">
            {view.recent.map((event) => (
              <li key={event.id}>
                <a href={event.url} lang={locale === 'en' ? 'en' : undefined}>
                  {event.title[locale]}
                </a>{' '}
                <span class="quai-meta">{formatDateTime(locale, event.occurred)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

/** The digests' one-click page: a button (mail scanners follow links, only a person presses it). */
export function UnsubscribePage({
  ctx,
  state,
  token,
}: {
  ctx: PageContext;
  state: 'ask' | 'done' | 'unknown';
  token: string;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('fwUnsubscribeTitle')}>
      <h1>{t('fwUnsubscribeTitle')}</h1>
      {state === 'unknown' ? <p>{t('fwUnknownLink')}</p> : null}
      {state === 'done' ? (
        <p class="quai-callout quai-callout-success" role="status">
          {t('fwUnsubscribed')}
        </p>
      ) : null}
      {state === 'ask' ? (
        <>
          <p>{t('fwUnsubscribeLead')}</p>
          <PostForm ctx={ctx} action={href(locale, 'unsubscribe', { token })}>
            <button type="submit" class="qc-button qc-primary">
              {t('fwUnsubscribeButton')}
            </button>
          </PostForm>
        </>
      ) : null}
      <p>
        <a href={href(locale, 'follows')}>{t('fwManage')}</a>
      </p>
    </Layout>
  );
}
