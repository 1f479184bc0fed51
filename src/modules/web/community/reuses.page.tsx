import type { Reuse } from '../../community/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { excerpt } from '../ui/markdown.js';
import { Pagination } from '../ui/pagination.js';

export const TYPE_LABELS: Record<Reuse['type'], MessageKey> = {
  application: 'ruTypeApplication',
  visualization: 'ruTypeVisualization',
  article: 'ruTypeArticle',
  api: 'ruTypeApi',
  other: 'ruTypeOther',
};

export const REUSES_PAGE_SIZE = 12;

/** One reuse as a card: its image, title, type, author, what it uses. */
export function ReuseCard({ ctx, reuse, level = 2 }: { ctx: PageContext; reuse: Reuse; level?: 2 | 3 }) {
  const { t, locale } = ctx;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <li class="quai-reuse-card">
      {reuse.image ? <img src={reuse.image} alt="" width={300} height={200} loading="lazy" /> : null}
      <Heading class="quai-h-card">
        <a href={href(locale, 'reuse', { name: reuse.name })}>{reuse.title}</a>
      </Heading>
      <p class="quai-meta">
        {t(TYPE_LABELS[reuse.type])} · {t('ruBy', { name: reuse.author.name })}
        {reuse.publishedAt ? ` · ${formatDate(locale, reuse.publishedAt)}` : ''}
      </p>
      <p>{excerpt(reuse.description, 160)}</p>
    </li>
  );
}

export interface ReusesView {
  reuses: Reuse[];
  total: number;
  page: number;
  type: string;
  topic: string;
  topics: { topic: string; count: number }[];
  signedIn: boolean;
}

/** The showcase: every published reuse, filtered by type and topic. */
export function ReusesPage({ ctx, view }: { ctx: PageContext; view: ReusesView }) {
  const { t, locale } = ctx;
  const query = (page: number) => {
    const params = new URLSearchParams();
    if (view.type) params.set('type', view.type);
    if (view.topic) params.set('sujet', view.topic);
    if (page > 1) params.set('page', String(page));
    return params.toString() || undefined;
  };
  const submit = href(locale, 'newReuse');
  return (
    <Layout ctx={ctx} title={t('ruTitle')} breadcrumbs={[{ label: t('ruTitle') }]}>
      <h1>{t('ruTitle')}</h1>
      <p>{t('ruLead')}</p>
      <p>
        {view.signedIn ? (
          <a class="qc-button qc-primary" href={submit}>
            {t('ruSubmit')}
          </a>
        ) : (
          <a href={href(locale, 'signIn', {}, `next=${encodeURIComponent(submit)}`)}>{t('ruSignIn')}</a>
        )}{' '}
        <a href={href(locale, 'calls')}>{t('caTitle')}</a>
      </p>
      <form
        method="get"
        action={href(locale, 'reuses')}
        class="quai-request-filters"
        aria-labelledby="filtres"
      >
        <h2 id="filtres" class="quai-h-small">
          {t('ruFilters')}
        </h2>
        <div class="quai-field">
          <label class="quai-label" for="filtre-type">
            {t('ruType')}
          </label>
          <select class="quai-input quai-select" id="filtre-type" name="type">
            <option value="">{t('ruAnyType')}</option>
            {Object.entries(TYPE_LABELS).map(([type, label]) => (
              <option key={type} value={type} selected={view.type === type}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        <div class="quai-field">
          <label class="quai-label" for="filtre-sujet">
            {t('ruTopic')}
          </label>
          <select class="quai-input quai-select" id="filtre-sujet" name="sujet">
            <option value="">{t('ruAnyTopic')}</option>
            {view.topics.map(({ topic, count }) => (
              <option key={topic} value={topic} selected={view.topic === topic}>
                {topic} ({formatNumber(locale, count)})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="qc-button qc-secondary">
          {t('ruApply')}
        </button>
      </form>
      <p role="status">{t('ruCount', { count: formatNumber(locale, view.total) })}</p>
      {view.reuses.length === 0 ? <p>{t('ruNone')}</p> : null}
      <ul class="quai-reuse-grid">
        {view.reuses.map((reuse) => (
          <ReuseCard key={reuse.id} ctx={ctx} reuse={reuse} />
        ))}
      </ul>
      <Pagination
        ctx={ctx}
        page={view.page}
        pages={Math.ceil(view.total / REUSES_PAGE_SIZE)}
        link={(page) => href(locale, 'reuses', {}, query(page))}
      />
    </Layout>
  );
}

/** A dataset's reuses, on its page: the first few, how many, and the way to show one's own. */
export function DatasetReuses({
  ctx,
  name,
  reuses,
}: {
  ctx: PageContext;
  name: string;
  reuses: { reuses: Reuse[]; total: number };
}) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="reutilisations">
      <h2 id="reutilisations">{t('ruOfDataset', { count: formatNumber(locale, reuses.total) })}</h2>
      {reuses.total === 0 ? <p>{t('ruOfDatasetNone')}</p> : null}
      <ul class="quai-reuse-grid">
        {reuses.reuses.map((reuse) => (
          <ReuseCard key={reuse.id} ctx={ctx} reuse={reuse} level={3} />
        ))}
      </ul>
      <p>
        <a href={href(locale, 'newReuse', {}, `jeu=${encodeURIComponent(name)}`)}>{t('ruShowYours')}</a>
      </p>
    </section>
  );
}
