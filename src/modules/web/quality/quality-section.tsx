import type { Resource } from '../../catalog/index.js';
import {
  type CriterionResult,
  type CriterionStatus,
  type LinkCheck,
  linkReason,
  type QualityReport,
} from '../../quality/index.js';
import { formatDate, formatDateTime, formatSize } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import type { PageContext } from '../shell/page-context.js';
import { pickTitle } from '../ui/localized.js';
import { ScrollRegion } from '../ui/scroll-region.js';

export interface QualityModel {
  report: QualityReport;
  /** The latest checks of the dataset's links: for its editors only (null for everyone else). */
  links: LinkCheck[] | null;
  resources: Resource[];
}

/** ✓, ✗ or –, with the verdict in words beside it: never colour alone. */
const MARKS: Record<CriterionStatus, string> = { passed: '✓', failed: '✗', 'not-applicable': '–' };

/** The score as a gauge with its value in words (the gauge alone says nothing to a screen reader). */
export function ScoreMeter({ ctx, report, id }: { ctx: PageContext; report: QualityReport; id: string }) {
  const { t } = ctx;
  return (
    <div class="quai-quality-score">
      <p id={id} class="quai-quality-score-text">
        {t('qualScoreSentence', { score: report.score, band: t(`qualBand${report.band}` as MessageKey) })}
      </p>
      <meter
        min={0}
        max={100}
        low={50}
        high={80}
        optimum={100}
        value={report.score}
        aria-labelledby={id}
        class="quai-quality-meter"
      >
        {t('qualScoreOf', { score: report.score })}
      </meter>
    </div>
  );
}

export function CriterionItem({ ctx, criterion }: { ctx: PageContext; criterion: CriterionResult }) {
  const { t, locale } = ctx;
  const verdict = t(`qual${criterion.status}` as MessageKey);
  return (
    <li class={`quai-criterion quai-criterion-${criterion.status}`}>
      <p class="quai-criterion-head">
        <span class="quai-criterion-mark" aria-hidden="true">
          {MARKS[criterion.status]}
        </span>{' '}
        <strong>{criterion.title[locale]}</strong>
        {' — '}
        <span class="quai-criterion-verdict">{verdict}</span>{' '}
        <span class="quai-count">({t('qualWeight', { weight: criterion.weight })})</span>
      </p>
      <p class="quai-criterion-evidence">
        {t('labelColon', { label: t('qualFinding') })} {criterion.evidence[locale]}
      </p>
      <details class="quai-criterion-details" open={criterion.status === 'failed'}>
        <summary>{t('qualWhyHow')}</summary>
        <dl>
          <dt>{t('qualWhy')}</dt>
          <dd>{criterion.why[locale]}</dd>
          <dt>{t('qualFix')}</dt>
          <dd>{criterion.fix[locale]}</dd>
        </dl>
      </details>
    </li>
  );
}

/** On a dataset's page: its score, every criterion explained, and its links for its editors. */
export function QualitySection({ ctx, model }: { ctx: PageContext; model: QualityModel }) {
  const { t, locale } = ctx;
  const { report } = model;
  return (
    <section aria-labelledby="qualite" class="quai-quality">
      <h2 id="qualite">{t('qualTitle')}</h2>
      <p>{t('qualLead')}</p>
      <ScoreMeter ctx={ctx} report={report} id="qualite-score" />
      <p class="quai-dataset-meta">
        {t('qualComputedOn', { date: formatDateTime(locale, report.computedAt) })}
      </p>
      <h3 id="qualite-criteres">{t('qualCriteria')}</h3>
      <ul class="quai-criteria" aria-labelledby="qualite-criteres">
        {report.criteria.map((criterion) => (
          <CriterionItem key={criterion.id} ctx={ctx} criterion={criterion} />
        ))}
      </ul>
      {model.links ? <LinkChecks ctx={ctx} links={model.links} resources={model.resources} /> : null}
    </section>
  );
}

/** Every checked link of the dataset, failures first, with the date each was first seen failing. */
function LinkChecks({
  ctx,
  links,
  resources,
}: {
  ctx: PageContext;
  links: LinkCheck[];
  resources: Resource[];
}) {
  const { t, locale } = ctx;
  const names = new Map(resources.map((resource) => [resource.id, resource.name]));
  const sorted = [...links].sort((a, b) => Number(a.ok) - Number(b.ok));
  return (
    <>
      <h3 id="qualite-liens">{t('qualLinksTitle')}</h3>
      <p>{t('qualLinksLead')}</p>
      {sorted.length === 0 ? (
        <p>{t('qualLinksNone')}</p>
      ) : (
        <ScrollRegion labelledBy="qualite-liens-legende">
          <table class="quai-table">
            <caption id="qualite-liens-legende" class="quai-visually-hidden">
              {t('qualLinksTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('qualLinkResource')}</th>
                <th scope="col">{t('qualLinkResult')}</th>
                <th scope="col">{t('qualLinkFailingSince')}</th>
                <th scope="col">{t('qualLinkCheckedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((check) => {
                const name = names.get(check.resourceId);
                const title = name ? pickTitle(locale, { fr: name.fr ?? check.url, en: name.en }) : null;
                const details = [
                  check.contentType,
                  check.size === null ? null : formatSize(locale, check.size),
                ].filter(Boolean);
                return (
                  <tr key={check.resourceId}>
                    <td>
                      <span lang={title?.lang}>{title?.text ?? check.url}</span>
                      <br />
                      <a href={check.url} class="quai-break">
                        {check.url}
                      </a>
                    </td>
                    <td>
                      <span aria-hidden="true">{check.ok ? '✓ ' : '✗ '}</span>
                      {check.ok
                        ? t('qualLinkOk', { status: check.status ?? '' })
                        : t('qualLinkFailed', { reason: linkReason(check)?.[locale] ?? '' })}
                      {details.length > 0 ? (
                        <>
                          <br />
                          {details.join(', ')}
                        </>
                      ) : null}
                    </td>
                    <td>{check.failingSince ? formatDate(locale, check.failingSince) : '—'}</td>
                    <td>{formatDateTime(locale, check.checkedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
