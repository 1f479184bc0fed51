import type { SetDefinition, Version } from '../../reference/index.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { day, FictitiousBadge } from './reference-parts.js';

export interface SetsView {
  sets: { set: SetDefinition; current: Version | null }[];
}

/** Every reference set: what it identifies, how, its current version, who produces it. */
export function SetsPage({ ctx, view }: { ctx: PageContext; view: SetsView }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('refTitle')} section="referenceSets" breadcrumbs={[{ label: t('refTitle') }]}>
      <h1>{t('refTitle')}</h1>
      <p class="quai-lead">{t('refLead')}</p>
      <ul class="quai-plain-list">
        {view.sets.map(({ set, current }) => (
          <li key={set.id} class="quai-dataset-summary">
            <h2 class="quai-dataset-title">
              <a href={href(locale, 'referenceSet', { set: set.id })}>{set.title[locale]}</a>
              {current?.fictitious ? <FictitiousBadge ctx={ctx} /> : null}
            </h2>
            <p>{set.description[locale]}</p>
            <dl class="quai-facts">
              <div>
                <dt>{t('refEntityType')}</dt>
                <dd>{set.entityType[locale]}</dd>
              </div>
              <div>
                <dt>{t('refScheme')}</dt>
                <dd>{set.scheme.name[locale]}</dd>
              </div>
              <div>
                <dt>{t('refCurrentVersion')}</dt>
                <dd>
                  {current
                    ? t('refVersionOf', { label: current.label, date: day(locale, current.referenceDate) })
                    : t('refNoVersion')}
                </dd>
              </div>
              <div>
                <dt>{t('refRows')}</dt>
                <dd>{current ? formatNumber(locale, current.rowCount) : '—'}</dd>
              </div>
              <div>
                <dt>{t('refProducer')}</dt>
                <dd lang={locale === 'en' ? 'fr' : undefined}>{set.commitment.producer}</dd>
              </div>
            </dl>
            <p class="quai-dataset-meta">{t('refNoteText', { note: set.source.note[locale] })}</p>
          </li>
        ))}
      </ul>
      <p>
        <a href="/api/v1/reference">{t('refApiLink')}</a>
      </p>
    </Layout>
  );
}
