import type { Group, GroupKind, GroupListing, SearchResult } from '../../catalog/index.js';
import { FollowControl, type FollowState } from '../community/follow.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pick, pickTitle, Text } from '../ui/localized.js';
import { excerpt, renderMarkdown } from '../ui/markdown.js';
import { Pagination } from '../ui/pagination.js';
import { DatasetSummary } from './dataset-summary.js';
import { PAGE_SIZE } from './search-state.js';

/** Organisations and themes have the same pages; only their words and addresses differ. */
const KIND = {
  organization: {
    list: 'organizations',
    one: 'organization',
    filter: 'organization',
    title: 'organizationsTitle',
    lead: 'organizationsLead',
  },
  group: { list: 'themes', one: 'theme', filter: 'theme', title: 'themesTitle', lead: 'themesLead' },
} as const;

export function GroupsPage({
  ctx,
  kind,
  groups,
}: {
  ctx: PageContext;
  kind: GroupKind;
  groups: GroupListing[];
}) {
  const { t, locale } = ctx;
  const words = KIND[kind];
  return (
    <Layout ctx={ctx} title={t(words.title)} section={words.list} breadcrumbs={[{ label: t(words.title) }]}>
      <h1>{t(words.title)}</h1>
      <p class="quai-lead">{t(words.lead)}</p>
      <ul class="quai-group-list">
        {groups.map(({ group, datasetCount }) => {
          const description = pick(locale, group.description);
          return (
            <li key={group.id}>
              <h2 class="quai-h-card">
                <a href={href(locale, words.one, { name: group.name })}>
                  <Text value={pickTitle(locale, group.title)} />
                </a>
              </h2>
              {description ? <p lang={description.lang}>{excerpt(description.text, 160)}</p> : null}
              <p class="quai-count">{t('datasetCount', { count: formatNumber(locale, datasetCount) })}</p>
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}

export interface GroupView {
  kind: GroupKind;
  group: Group;
  result: SearchResult;
  page: number;
  canSeeMembers: boolean;
  follow: FollowState;
}

export function GroupPage({ ctx, view }: { ctx: PageContext; view: GroupView }) {
  const { t, locale } = ctx;
  const { group, result, kind } = view;
  const words = KIND[kind];
  const title = pickTitle(locale, group.title);
  const description = pick(locale, group.description);
  const self = (page: number) =>
    href(locale, words.one, { name: group.name }, page > 1 ? `page=${page}` : undefined);
  const feed = `/feeds/${kind === 'organization' ? 'organization' : 'group'}/${encodeURIComponent(group.name)}.atom?lang=${locale}`;
  return (
    <Layout
      ctx={ctx}
      title={title.text}
      section={words.list}
      breadcrumbs={[{ label: t(words.title), href: href(locale, words.list) }, { label: title.text }]}
      head={
        <link
          rel="alternate"
          type="application/atom+xml"
          title={t('feedOf', { name: title.text })}
          href={feed}
        />
      }
    >
      <h1 lang={title.lang}>{title.text}</h1>
      {description ? (
        <div
          class="quai-markdown"
          lang={description.lang}
          dangerouslySetInnerHTML={{ __html: renderMarkdown(description.text) }}
        />
      ) : null}
      <div class="quai-follow-bar">
        <FollowControl ctx={ctx} state={view.follow} what={title.text} />
      </div>
      <ul class="quai-actions">
        <li>
          <a href={href(locale, 'search', {}, new URLSearchParams({ [words.filter]: group.name }))}>
            {t('searchWithin', { name: title.text })}
          </a>
        </li>
        <li>
          <a href={feed} type="application/atom+xml">
            {t('feedOf', { name: title.text })}
          </a>
        </li>
        {view.canSeeMembers ? (
          <li>
            <a href={href(locale, 'members', { name: group.name })}>{t('members')}</a>
          </li>
        ) : null}
      </ul>
      <h2>{t('datasetsOf', { name: title.text })}</h2>
      <p role="status">{t('datasetCount', { count: formatNumber(locale, result.count) })}</p>
      {result.datasets.map((dataset) => (
        <DatasetSummary key={dataset.id} ctx={ctx} dataset={dataset} />
      ))}
      <Pagination ctx={ctx} page={view.page} pages={Math.ceil(result.count / PAGE_SIZE)} link={self} />
    </Layout>
  );
}
