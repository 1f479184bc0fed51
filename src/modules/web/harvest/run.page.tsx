import type { HarvestRun, HarvestSource, ItemAction, RunItem } from '../../harvest/index.js';
import { ITEM_ACTIONS } from '../../harvest/index.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { ACTION_LABELS, countsText, statusText } from './source.page.js';

/** A run's report: its state, its counts, and each upstream dataset with what was done and why. */
export function RunPage({
  ctx,
  source,
  run,
  items,
  action,
  datasetNames,
}: {
  ctx: PageContext;
  source: HarvestSource;
  run: HarvestRun;
  items: RunItem[];
  action: ItemAction | null;
  datasetNames: Record<string, string>;
}) {
  const { t, locale } = ctx;
  const title = `${run.dryRun ? t('hvTestRun') : t('hvRun')} — ${formatDateTime(locale, new Date(run.created))}`;
  const base = href(locale, 'harvestRun', { name: source.name, id: run.id });
  const underWay = run.status === 'queued' || run.status === 'running';
  return (
    <Layout
      ctx={ctx}
      title={`${title} — ${source.title}`}
      breadcrumbs={[
        { label: t('workspaceTitle'), href: href(locale, 'workspace') },
        { label: t('hvTitle'), href: href(locale, 'harvestSources') },
        { label: source.title, href: href(locale, 'harvestSource', { name: source.name }) },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {run.dryRun ? <p class="quai-notice">{t('hvWould')}</p> : null}
      <dl class="quai-facts">
        <dt>{t('hvStatus')}</dt>
        <dd>{statusText(ctx, run)}</dd>
        <dt>{t('hvReport')}</dt>
        <dd>
          {t('hvProgress', {
            pages: formatNumber(locale, run.pages),
            requests: formatNumber(locale, run.requests),
          })}
          {countsText(ctx, run) ? ` — ${countsText(ctx, run)}` : ''}
        </dd>
      </dl>
      {run.error ? (
        <p class="quai-field-error quai-break">{t('hvFailedBecause', { error: run.error })}</p>
      ) : null}
      {underWay ? <p>{t('hvReloadHint')}</p> : null}
      {items.length === 0 && action === null ? null : (
        <>
          <nav aria-label={t('hvFilterAction')}>
            <ul class="quai-inline-list">
              <li>
                {action === null ? (
                  <strong aria-current="page">{t('hvAll')}</strong>
                ) : (
                  <a href={base}>{t('hvAll')}</a>
                )}
              </li>
              {ITEM_ACTIONS.filter((candidate) => run.counts[candidate] > 0).map((candidate) => (
                <li key={candidate}>
                  {candidate === action ? (
                    <strong aria-current="page">{t(ACTION_LABELS[candidate])}</strong>
                  ) : (
                    <a href={`${base}?action=${candidate}`}>
                      {t(ACTION_LABELS[candidate])} ({formatNumber(locale, run.counts[candidate])})
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          <ScrollRegion labelledBy="rapport-elements">
            <table class="quai-table">
              <caption id="rapport-elements" class="quai-visually-hidden">
                {t('hvReport')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('hvUpstreamId')}</th>
                  <th scope="col">{t('hvAction')}</th>
                  <th scope="col">{t('hvDataset')}</th>
                  <th scope="col">{t('hvReason')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  const name = item.datasetId ? datasetNames[item.datasetId] : undefined;
                  return (
                    <tr key={item.upstreamId}>
                      <th scope="row" class="quai-break">
                        {item.upstreamId}
                      </th>
                      <td>{item.action ? t(ACTION_LABELS[item.action]) : t('hvPending')}</td>
                      <td>{name ? <a href={href(locale, 'dataset', { name })}>{name}</a> : ''}</td>
                      <td class="quai-break">
                        {item.reason}
                        {item.action === 'error' && item.raw ? (
                          <details>
                            <summary>{t('hvUpstreamId')}</summary>
                            <pre class="quai-code">{item.raw}</pre>
                          </details>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </Layout>
  );
}
