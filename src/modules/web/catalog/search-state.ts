import { type FacetField, type SearchRequest, searchRequest } from '../../catalog/index.js';
import type { MessageKey } from '../i18n/messages.js';

/**
 * The state of the search page, held entirely in its URL so that a search can be bookmarked,
 * shared and reloaded. Parameter names are the same in both languages: the language switch keeps
 * the query string as it is.
 */
export const FILTERS = [
  { param: 'organization', field: 'organization', label: 'facetOrganization' },
  { param: 'theme', field: 'groups', label: 'facetGroups' },
  { param: 'tag', field: 'tags', label: 'facetTags' },
  { param: 'format', field: 'res_format', label: 'facetFormat' },
  { param: 'license', field: 'license_id', label: 'facetLicense' },
  { param: 'quality', field: 'quality', label: 'facetQuality' },
] as const satisfies readonly { param: string; field: FacetField; label: MessageKey }[];

export type FilterParam = (typeof FILTERS)[number]['param'];

export const SORTS = {
  relevance: { sort: 'score desc, metadata_modified desc', label: 'sortRelevance' },
  recent: { sort: 'metadata_modified desc', label: 'sortModified' },
  created: { sort: 'metadata_created desc', label: 'sortCreated' },
  title: { sort: 'title_string asc', label: 'sortTitle' },
  quality: { sort: 'quality_score desc, metadata_modified desc', label: 'sortQuality' },
} as const satisfies Record<string, { sort: string; label: MessageKey }>;

export type SortOption = keyof typeof SORTS;

export const PAGE_SIZE = 20;
/** Deeper pages than this are not offered: nobody reads them, and they cost the most. */
export const MAX_PAGE = 500;
const MAX_VALUES = 10;

export interface SearchState {
  q: string;
  filters: Record<FilterParam, string[]>;
  sort: SortOption;
  page: number;
}

type Query = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .map((item) => item.trim())
    .filter((item) => item !== '' && item.length <= 200);

/** Reads the state from a query string; anything odd is dropped rather than refused. */
export function readSearchState(query: Query): SearchState {
  // The text as typed, however long: the search refuses what is beyond its bounds, and says so.
  const q = [query.q].flat()[0]?.trim() ?? '';
  const filters = Object.fromEntries(
    FILTERS.map(({ param }) => [param, [...new Set(list(query[param]))].slice(0, MAX_VALUES)]),
  ) as Record<FilterParam, string[]>;
  const sortParam = list(query.sort)[0];
  const sort = sortParam && sortParam in SORTS ? (sortParam as SortOption) : 'relevance';
  const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(list(query.page)[0] ?? '1', 10) || 1));
  return { q, filters, sort, page };
}

/** The query string of a state: what links and forms put in the URL. */
export function searchQueryString(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.append('q', state.q);
  for (const { param } of FILTERS) for (const value of state.filters[param]) params.append(param, value);
  if (state.sort !== 'relevance') params.append('sort', state.sort);
  if (state.page > 1) params.append('page', String(state.page));
  return params.toString();
}

/** The state with one filter value removed (and back to page 1). */
export function withoutFilter(state: SearchState, param: FilterParam, value: string): SearchState {
  return {
    ...state,
    page: 1,
    filters: { ...state.filters, [param]: state.filters[param].filter((item) => item !== value) },
  };
}

export function hasFilters(state: SearchState): boolean {
  return FILTERS.some(({ param }) => state.filters[param].length > 0);
}

/** The catalogue search for this state: each filter value is one `field:"value"` clause. */
export function toSearchRequest(
  state: SearchState,
  options: { signedIn: boolean; facetLimit: number },
): SearchRequest {
  const fq = FILTERS.flatMap(({ param, field }) =>
    state.filters[param].map((value) => `${field}:"${value.replace(/"/g, '')}"`),
  );
  return searchRequest({
    q: state.q,
    fq,
    sort: SORTS[state.sort].sort,
    rows: PAGE_SIZE,
    start: (state.page - 1) * PAGE_SIZE,
    facetFields: FILTERS.map(({ field }) => field),
    facetLimit: options.facetLimit,
    // Publishers see their organisations' private datasets and drafts where everyone else looks.
    includePrivate: options.signedIn,
    includeDrafts: options.signedIn,
  });
}

/** The words of a query whose syntax the search refused ("(eau" → "eau"). */
export function plainWords(q: string): string {
  return q
    .replace(/[()"[\]{}:^~*+\-!\\/]/g, ' ')
    .replace(/\b(AND|OR|NOT|TO)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
