import type { FacetCount, SearchResult } from '../../catalog/index.js';
import { findLicense, QUALITY_BANDS } from '../../catalog/index.js';
import { FollowControl, type FollowState } from '../community/follow.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pickTitle } from '../ui/localized.js';
import { Pagination } from '../ui/pagination.js';
import { SearchBox } from '../ui/search-box.js';
import { DatasetSummary } from './dataset-summary.js';
import {
  FILTERS,
  type FilterParam,
  hasFilters,
  MAX_PAGE,
  PAGE_SIZE,
  type SearchState,
  SORTS,
  type SortOption,
  searchQueryString,
  withoutFilter,
} from './search-state.js';

/** What a search that found nothing offers instead. */
export interface NoResultsHelp {
  /** Titles close to the words typed. */
  similar: { name: string; title: { fr: string; en: string | null } }[];
  /** The themes with the most datasets. */
  themes: FacetCount[];
}

export interface SearchView {
  state: SearchState;
  result: SearchResult;
  /** What was typed, when nothing matched it and the results are those of its correction. */
  correctedFrom: string | null;
  /** Set when nothing matched, even corrected. */
  help: NoResultsHelp | null;
  /** The metadata quality score of the datasets shown, by id. */
  scores: Map<string, number>;
  /** With words: following them (new datasets that match are told). */
  follow: FollowState | null;
}

interface FacetValue {
  value: string;
  label: string;
  lang: string | undefined;
  count: number;
}

/** Facet values with their labels in the page's language (licence titles, group titles). */
function facetValues(ctx: PageContext, param: FilterParam, items: FacetCount[]): FacetValue[] {
  const { locale } = ctx;
  return items.map((item) => {
    if (item.title) {
      const title = pickTitle(locale, item.title);
      return { value: item.value, label: title.text, lang: title.lang, count: item.count };
    }
    if (param === 'quality') {
      const band = QUALITY_BANDS.find((entry) => entry.band === item.value);
      return {
        value: item.value,
        label: band?.label[locale] ?? item.value,
        lang: undefined,
        count: item.count,
      };
    }
    if (param === 'license') {
      const license = findLicense(item.value);
      return {
        value: item.value,
        label: license ? license.title[locale] : item.value,
        lang: undefined,
        count: item.count,
      };
    }
    // Keywords are French words: marked as such on English pages.
    const lang = param === 'tag' && locale === 'en' ? 'fr' : undefined;
    return { value: item.value, label: item.value, lang, count: item.count };
  });
}

function searchHref(ctx: PageContext, state: SearchState): string {
  return href(ctx.locale, 'search', {}, searchQueryString(state));
}

export function SearchPage({ ctx, view }: { ctx: PageContext; view: SearchView }) {
  const { t, locale } = ctx;
  const { state, result } = view;
  const pages = Math.min(MAX_PAGE, Math.ceil(result.count / PAGE_SIZE));
  const facets = Object.fromEntries(
    FILTERS.map(({ param, field }) => [param, facetValues(ctx, param, result.facets[field] ?? [])]),
  ) as Record<FilterParam, FacetValue[]>;
  // Quality bands read best first, not by count.
  const bandOrder = QUALITY_BANDS.map((entry) => entry.band as string);
  facets.quality.sort((a, b) => bandOrder.indexOf(a.value) - bandOrder.indexOf(b.value));
  const title = state.q ? t('searchResultsFor', { q: state.q }) : t('searchTitle');
  const countText =
    result.count === 0
      ? t('resultCountNone')
      : result.count === 1
        ? t('resultCountOne')
        : t('resultCount', { count: formatNumber(locale, result.count) });
  return (
    <Layout
      ctx={ctx}
      title={state.page > 1 ? `${title} (${t('pageNumber', { page: state.page })})` : title}
      section="search"
      breadcrumbs={[{ label: t('searchTitle') }]}
    >
      <h1>{title}</h1>
      <SearchBox ctx={ctx} q={state.q} />
      <p role="status" class="quai-result-count">
        {view.correctedFrom ? `${t('correctedResults', { asked: view.correctedFrom, q: state.q })} ` : null}
        {countText}
      </p>
      {view.follow ? (
        <div class="quai-follow-bar">
          <FollowControl ctx={ctx} state={view.follow} label={t('fwFollowSearch')} what={state.q} />
        </div>
      ) : null}
      {hasFilters(state) ? <ActiveFilters ctx={ctx} state={state} facets={facets} /> : null}
      {view.help ? <NoResults ctx={ctx} help={view.help} /> : null}
      {result.count === 0 ? null : (
        <p class="quai-skip-results">
          <a href="#resultats">{t('skipToResults')}</a>
        </p>
      )}
      <div class="quai-search-layout">
        {/* Filters and sorting have nothing to act on when nothing matched. */}
        {result.count === 0 ? null : <FilterForm ctx={ctx} state={state} facets={facets} />}
        <div class="quai-results" id="resultats" tabIndex={-1}>
          {result.count === 0 ? null : <SortForm ctx={ctx} state={state} />}
          <h2 class="quai-visually-hidden">{t('resultsHeading')}</h2>
          {result.count > 0 && result.datasets.length === 0 ? (
            // Past the last page (an old link, a hand-typed address): say so, and lead back.
            <p class="quai-callout">
              {t('pageBeyondLast', { page: state.page, count: pages })}{' '}
              <a href={searchHref(ctx, { ...state, page: pages })}>{t('lastPageLink', { page: pages })}</a>
            </p>
          ) : null}
          {result.datasets.map((dataset) => (
            <DatasetSummary
              key={dataset.id}
              ctx={ctx}
              dataset={dataset}
              qualityScore={view.scores.get(dataset.id) ?? null}
            />
          ))}
          <Pagination
            ctx={ctx}
            page={state.page}
            pages={pages}
            link={(page) => searchHref(ctx, { ...state, page })}
          />
        </div>
      </div>
    </Layout>
  );
}

function ActiveFilters({
  ctx,
  state,
  facets,
}: {
  ctx: PageContext;
  state: SearchState;
  facets: Record<FilterParam, FacetValue[]>;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="filtres-actifs" class="quai-active-filters">
      <h2 id="filtres-actifs" class="quai-h-small">
        {t('activeFilters')}
      </h2>
      <ul>
        {FILTERS.flatMap(({ param, label }) =>
          state.filters[param].map((value) => {
            const known = facets[param].find((item) => item.value === value);
            return (
              <li key={`${param}-${value}`}>
                <a href={searchHref(ctx, withoutFilter(state, param, value))} class="quai-chip">
                  <span class="quai-visually-hidden">{t('removeFilter')}</span>
                  {t('labelColon', { label: t(label) })}{' '}
                  <span lang={known?.lang}>{known?.label ?? value}</span>
                  <span aria-hidden="true"> ×</span>
                </a>
              </li>
            );
          }),
        )}
        <li>
          <a href={searchHref(ctx, { ...state, filters: withoutAll(state), page: 1 })}>{t('clearFilters')}</a>
        </li>
      </ul>
    </section>
  );
}

function withoutAll(state: SearchState): SearchState['filters'] {
  return Object.fromEntries(
    Object.keys(state.filters).map((param) => [param, []]),
  ) as unknown as SearchState['filters'];
}

/** Facets as a plain form: checking a box changes nothing until "Apply filters" (WCAG 3.2.2). */
function FilterForm({
  ctx,
  state,
  facets,
}: {
  ctx: PageContext;
  state: SearchState;
  facets: Record<FilterParam, FacetValue[]>;
}) {
  const { t, locale } = ctx;
  return (
    <form method="get" action={href(locale, 'search')} class="quai-filters" aria-labelledby="filtres">
      <h2 id="filtres" class="quai-h-small">
        {t('filters')}
      </h2>
      {state.q ? <input type="hidden" name="q" value={state.q} /> : null}
      {state.sort !== 'relevance' ? <input type="hidden" name="sort" value={state.sort} /> : null}
      {FILTERS.map(({ param, label }) =>
        facets[param].length === 0 ? null : (
          <fieldset key={param} class="quai-facet">
            <legend>{t(label)}</legend>
            {facets[param].map((item, index) => {
              const id = `filtre-${param}-${index}`;
              return (
                <div class="quai-choice" key={item.value}>
                  <input
                    type="checkbox"
                    id={id}
                    name={param}
                    value={item.value}
                    checked={state.filters[param].includes(item.value)}
                  />
                  <label for={id}>
                    <span lang={item.lang}>{item.label}</span>{' '}
                    <span class="quai-count">({formatNumber(locale, item.count)})</span>
                  </label>
                </div>
              );
            })}
          </fieldset>
        ),
      )}
      <button type="submit" class="qc-button qc-secondary">
        {t('applyFilters')}
      </button>
    </form>
  );
}

function SortForm({ ctx, state }: { ctx: PageContext; state: SearchState }) {
  const { t, locale } = ctx;
  return (
    <form method="get" action={href(locale, 'search')} class="quai-sort">
      {state.q ? <input type="hidden" name="q" value={state.q} /> : null}
      {FILTERS.flatMap(({ param }) =>
        state.filters[param].map((value) => (
          <input key={`${param}-${value}`} type="hidden" name={param} value={value} />
        )),
      )}
      <label for="tri">{t('sortLabel')}</label>
      <select id="tri" name="sort" class="quai-input quai-select">
        {(Object.keys(SORTS) as SortOption[]).map((option) => (
          <option key={option} value={option} selected={option === state.sort}>
            {t(SORTS[option].label)}
          </option>
        ))}
      </select>
      <button type="submit" class="qc-button qc-secondary qc-compact">
        {t('sortApply')}
      </button>
    </form>
  );
}

/** A search that found nothing: titles close to the words, themes to browse, who holds data. */
function NoResults({ ctx, help }: { ctx: PageContext; help: NoResultsHelp }) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="aucun-resultat" class="quai-no-results">
      <h2 id="aucun-resultat">{t('noResultsTry')}</h2>
      <ul>
        <li>{t('noResultsWords')}</li>
      </ul>
      {help.similar.length > 0 ? (
        <>
          <h3>{t('noResultsSimilar')}</h3>
          <ul>
            {help.similar.map((dataset) => {
              const title = pickTitle(locale, dataset.title);
              return (
                <li key={dataset.name}>
                  <a href={href(locale, 'dataset', { name: dataset.name })} lang={title.lang}>
                    {title.text}
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {help.themes.length > 0 ? (
        <>
          <h3>{t('noResultsThemes')}</h3>
          <ul class="quai-inline-list">
            {help.themes.map((theme) => {
              const title = theme.title
                ? pickTitle(locale, theme.title)
                : { text: theme.value, lang: undefined };
              return (
                <li key={theme.value}>
                  <a href={href(locale, 'theme', { name: theme.value })} lang={title.lang}>
                    {title.text}
                  </a>{' '}
                  ({formatNumber(locale, theme.count)})
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h3>{t('noResultsRequestTitle')}</h3>
      <p>
        <a href={href(locale, 'dataRequests')}>{t('drCantFind')}</a> {t('noResultsRequest')}{' '}
        <a href={href(locale, 'organizations')}>{t('noResultsOrganizations')}</a>
      </p>
    </section>
  );
}
