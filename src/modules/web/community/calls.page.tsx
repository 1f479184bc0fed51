import type { Call, Reuse } from '../../community/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { excerpt, renderMarkdown } from '../ui/markdown.js';
import { ReuseCard } from './reuses.page.js';

const KIND_LABELS: Record<Call['kind'], MessageKey> = {
  call: 'caKindCall',
  hackathon: 'caKindHackathon',
  webinar: 'caKindWebinar',
};
const day = (locale: 'fr' | 'en', value: string) => formatDate(locale, new Date(`${value}T12:00:00Z`));

/** Calls for projects, hackathons and webinars. */
export function CallsPage({ ctx, calls }: { ctx: PageContext; calls: Call[] }) {
  const { t, locale } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('caTitle')}
      breadcrumbs={[{ label: t('ruTitle'), href: href(locale, 'reuses') }, { label: t('caTitle') }]}
    >
      <h1>{t('caTitle')}</h1>
      <p>{t('caLead')}</p>
      {calls.length === 0 ? <p>{t('caNone')}</p> : null}
      <ul class="quai-group-list">
        {calls.map((call) => (
          <li key={call.id}>
            <h2 class="quai-h-card">
              <a href={href(locale, 'call', { name: call.name })}>{call.title}</a>
            </h2>
            <p class="quai-meta">
              {t(KIND_LABELS[call.kind])} ·{' '}
              {t('caDates', { from: day(locale, call.startsOn), to: day(locale, call.endsOn) })}
            </p>
            <p>{excerpt(call.description, 200)}</p>
            <p class="quai-count">{t('caProjects', { count: formatNumber(locale, call.reuseCount) })}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** A call: what, when, how to take part, the datasets suggested and the projects submitted. */
export function CallPage({ ctx, call, reuses }: { ctx: PageContext; call: Call; reuses: Reuse[] }) {
  const { t, locale } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={call.title}
      breadcrumbs={[{ label: t('caTitle'), href: href(locale, 'calls') }, { label: call.title }]}
    >
      <h1>{call.title}</h1>
      <p class="quai-lead">
        {t(KIND_LABELS[call.kind])} ·{' '}
        {t('caDates', { from: day(locale, call.startsOn), to: day(locale, call.endsOn) })}
      </p>
      <div class="quai-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(call.description) }} />
      <h2>{t('caParticipation')}</h2>
      <div class="quai-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(call.participation) }} />
      <p>
        <a
          class="qc-button qc-primary"
          href={href(locale, 'newReuse', {}, `appel=${encodeURIComponent(call.name)}`)}
        >
          {t('caSubmit')}
        </a>
      </p>
      {call.datasets.length > 0 ? (
        <>
          <h2>{t('caDatasets')}</h2>
          <ul>
            {call.datasets.map((dataset) => (
              <li key={dataset.id}>
                <a href={href(locale, 'dataset', { name: dataset.name })} lang="fr">
                  {dataset.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('caProjects', { count: formatNumber(locale, reuses.length) })}</h2>
      <ul class="quai-reuse-grid">
        {reuses.map((reuse) => (
          <ReuseCard key={reuse.id} ctx={ctx} reuse={reuse} level={3} />
        ))}
      </ul>
    </Layout>
  );
}
