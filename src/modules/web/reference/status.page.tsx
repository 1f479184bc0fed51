import type { Notice, ReferenceServices, SetDefinition } from '../../reference/index.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { AvailabilityChart } from './availability-chart.js';
import { DataTable, day } from './reference-parts.js';

export type SetStatus = Awaited<ReturnType<ReferenceServices['probes']['status']>>;

export interface StatusView {
  set: SetDefinition;
  status: SetStatus;
  notices: Notice[];
}

/** A set's commitments measured: freshness, availability against the targets, notices. */
export function StatusPage({ ctx, view }: { ctx: PageContext; view: StatusView }) {
  const { t, locale } = ctx;
  const { set, status } = view;
  const { freshness, availability } = status;
  const title = t('refStatusTitle', { title: set.title[locale] });
  const percent = (value: number) => t('refPercent', { value: formatNumber(locale, value) });
  const measures = [
    { label: t('refApi'), value: availability.api, target: availability.targets.api },
    { label: t('refFilesMeasure'), value: availability.files, target: availability.targets.files },
  ];
  return (
    <Layout
      ctx={ctx}
      title={title}
      section="referenceSets"
      breadcrumbs={[
        { label: t('refTitle'), href: href(locale, 'referenceSets') },
        { label: set.title[locale], href: href(locale, 'referenceSet', { set: set.id }) },
        { label: t('refStatusCrumb') },
      ]}
    >
      <h1>{title}</h1>
      <h2>{t('refFreshness')}</h2>
      <dl class="quai-metadata">
        <div>
          <dt>{t('refLastVersion')}</dt>
          <dd>
            {freshness.lastVersion === null ? (
              t('refNoVersion')
            ) : set.external ? (
              freshness.lastVersion
            ) : (
              <a href={href(locale, 'referenceVersion', { set: set.id, label: freshness.lastVersion })}>
                {freshness.lastVersion}
              </a>
            )}
          </dd>
        </div>
        {freshness.publishedAt ? (
          <div>
            <dt>{t('refPublishedAt')}</dt>
            <dd>{day(locale, freshness.publishedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('refAge')}</dt>
          <dd>
            {freshness.ageDays === null
              ? '—'
              : t('refAgeValue', {
                  age: formatNumber(locale, freshness.ageDays),
                  max: formatNumber(locale, freshness.maxAgeDays),
                })}
          </dd>
        </div>
        <div>
          <dt>{t('refStatus')}</dt>
          <dd>
            <span class={`quai-badge ${freshness.fresh ? 'quai-badge-current' : 'quai-badge-retired'}`}>
              {freshness.fresh ? t('refFresh') : t('refStale')}
            </span>
          </dd>
        </div>
      </dl>
      <h2>{t('refAvailability')}</h2>
      {availability.since === null ? (
        <p>{t('refNoMeasure')}</p>
      ) : (
        <>
          <p>
            {t('refObserved', {
              since: day(locale, availability.since),
              minutes: formatNumber(locale, availability.minutes),
            })}
          </p>
          <DataTable
            id="disponibilite"
            caption={t('refAvailability')}
            hiddenCaption
            head={[t('refMeasure'), t('refMeasured'), t('refTarget'), t('refStatus')]}
            numeric={[false, true, true, false]}
            rows={measures.map((measure) => ({
              key: measure.label,
              cells: [
                measure.label,
                measure.value === null ? '—' : percent(measure.value),
                percent(measure.target),
                measure.value !== null && measure.value >= measure.target ? t('refMet') : t('refNotMet'),
              ],
            }))}
          />
          <h2 id="par-jour">{t('refPerDay')}</h2>
          <AvailabilityChart
            ctx={ctx}
            headingId="par-jour"
            days={availability.days}
            target={Math.min(availability.targets.api, availability.targets.files)}
          />
        </>
      )}
      <h2>{t('refNotices')}</h2>
      {view.notices.length === 0 ? (
        <p>{t('refNoNotice')}</p>
      ) : (
        <ul>
          {view.notices.map((notice) => (
            <li key={notice.id}>
              {t('refNoticeText', {
                effective: day(locale, notice.effectiveOn),
                announced: day(locale, notice.announcedAt),
              })}{' '}
              {notice.description[locale]}
            </li>
          ))}
        </ul>
      )}
      <ul class="quai-plain-list">
        <li>
          <a href={href(locale, 'referenceSet', { set: set.id })}>{set.title[locale]}</a>
        </li>
        <li>
          <a href={`/api/v1/reference/${encodeURIComponent(set.id)}/status`}>{t('refApiLink')}</a>
        </li>
      </ul>
    </Layout>
  );
}
