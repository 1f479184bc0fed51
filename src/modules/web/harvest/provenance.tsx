import type { Dataset } from '../../catalog/index.js';
import { formatDateTime } from '../i18n/format.js';
import type { PageContext } from '../shell/page-context.js';

/** Where a harvested dataset comes from: its authoritative source, its page upstream, the last harvest. */
export function ProvenanceSection({ ctx, dataset }: { ctx: PageContext; dataset: Dataset }) {
  const { t, locale } = ctx;
  const [authority, ...others] = dataset.origins;
  if (!authority) return null;
  return (
    <section aria-labelledby="provenance">
      <h2 id="provenance">{t('hvProvenance')}</h2>
      <p>{t('hvProvenanceLead')}</p>
      <dl class="quai-facts">
        <dt>{t('hvSourceLabel')}</dt>
        <dd>
          <a href={authority.sourceUrl}>{authority.sourceTitle}</a>
        </dd>
        {authority.upstreamUrl ? (
          <>
            <dt>{t('hvUpstreamPage')}</dt>
            <dd class="quai-break">
              <a href={authority.upstreamUrl}>{authority.upstreamUrl}</a>
            </dd>
          </>
        ) : null}
        <dt>{t('hvUpstreamId')}</dt>
        <dd class="quai-break">{authority.upstreamIdentifier}</dd>
        <dt>{t('hvLastHarvest')}</dt>
        <dd>{formatDateTime(locale, authority.harvestedAt)}</dd>
        {others.length > 0 ? (
          <>
            <dt>{t('hvAlsoFrom')}</dt>
            <dd>
              <ul>
                {others.map((origin) => (
                  <li key={origin.sourceId}>
                    <a href={origin.upstreamUrl ?? origin.sourceUrl}>{origin.sourceTitle}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
