import type { Dataset, FacetCount } from '../../catalog/index.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';
import { SearchBox } from '../ui/search-box.js';
import { DatasetSummary } from './dataset-summary.js';

export interface HomeView {
  datasetCount: number;
  themes: FacetCount[];
  publishers: FacetCount[];
  formatCount: number;
  recent: Dataset[];
  mostViewed: Dataset[];
}

/** The front door: search first, then ways to browse, then what is new and what is read. */
export function HomePage({ ctx, view }: { ctx: PageContext; view: HomeView }) {
  const { t, locale } = ctx;
  const figures: [number, string][] = [
    [view.datasetCount, t('figureDatasets')],
    [view.publishers.length, t('figureOrganizations')],
    [view.themes.length, t('figureThemes')],
    [view.formatCount, t('figureFormats')],
  ];
  return (
    <Layout ctx={ctx} title={ctx.siteTitle}>
      <div class="quai-hero">
        <h1>{ctx.siteTitle}</h1>
        <p class="quai-lead">{t('homeLead')}</p>
        <SearchBox ctx={ctx} q="" large />
      </div>

      <section aria-labelledby="chiffres" class="quai-section">
        <h2 id="chiffres">{t('figures')}</h2>
        <ul class="quai-figures">
          {figures.map(([value, label]) => (
            <li key={label}>
              <strong>{formatNumber(locale, value)}</strong> {label}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="themes" class="quai-section">
        <h2 id="themes">{t('browseThemes')}</h2>
        <ul class="quai-tiles">
          {view.themes.map((theme) => (
            <li key={theme.value}>
              <a href={href(locale, 'theme', { name: theme.value })}>
                <Text value={pickTitle(locale, theme.title ?? { fr: theme.value, en: null })} />
              </a>
              <span class="quai-count">
                {t('datasetCount', { count: formatNumber(locale, theme.count) })}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <div class="quai-columns quai-home-lists">
        <section aria-labelledby="nouveautes" class="quai-section">
          <h2 id="nouveautes">{t('recentDatasets')}</h2>
          {view.recent.map((dataset) => (
            <DatasetSummary key={dataset.id} ctx={ctx} dataset={dataset} />
          ))}
          <p>
            <a href={href(locale, 'search', {}, 'sort=recent')}>{t('allDatasets')}</a>
          </p>
        </section>
        <section aria-labelledby="populaires" class="quai-section">
          <h2 id="populaires">{t('mostViewed')}</h2>
          {view.mostViewed.length === 0 ? <p>{t('noViewsYet')}</p> : null}
          {view.mostViewed.map((dataset) => (
            <DatasetSummary key={dataset.id} ctx={ctx} dataset={dataset} />
          ))}
        </section>
      </div>

      <section aria-labelledby="organisations" class="quai-section quai-home-publishers">
        <h2 id="organisations">{t('browsePublishers')}</h2>
        <ul class="quai-tiles">
          {view.publishers.slice(0, 12).map((publisher) => (
            <li key={publisher.value}>
              <a href={href(locale, 'organization', { name: publisher.value })}>
                <Text value={pickTitle(locale, publisher.title ?? { fr: publisher.value, en: null })} />
              </a>
              <span class="quai-count">
                {t('datasetCount', { count: formatNumber(locale, publisher.count) })}
              </span>
            </li>
          ))}
        </ul>
        <p>
          <a href={href(locale, 'organizations')}>{t('allOrganizations')}</a>
        </p>
      </section>
    </Layout>
  );
}
