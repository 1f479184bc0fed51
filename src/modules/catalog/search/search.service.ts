import type { Db } from '../../../platform/db/index.js';
import type { Actor } from '../../accounts/index.js';
import type { Bbox, Dataset } from '../catalog.types.js';
import type { DatasetService } from '../datasets/dataset.service.js';
import { type QualityOverview, qualityOverview } from './quality-overview.repo.js';
import {
  countTerms,
  parseQuery,
  QUERY_LIMITS,
  type QueryNode,
  queryError,
  tooManyTerms,
} from './query-syntax.js';
import { type FacetCount, type FacetField, runSearch, SORT_FIELDS, type SortKey } from './search.repo.js';
import type { SearchCache } from './search-cache.js';
import type { SearchVersionRepo } from './search-version.repo.js';
import { correctQuery } from './spelling.js';
import { closestTerms, similarTitles, type TitleSuggestion } from './suggest.repo.js';
import { PUBLIC, seesOnlyPublic, type Visibility, visibilityFor } from './visibility.js';

export interface SearchRequest {
  /** Free text with CKAN's (Solr's) syntax; empty matches everything. */
  q: string;
  /** Filter queries, each `field:value` clauses; all must match. */
  fq: string[];
  /** CKAN sort syntax: "score desc, metadata_modified desc". */
  sort: string | null;
  rows: number;
  start: number;
  facetFields: readonly FacetField[];
  facetLimit: number | null;
  includePrivate: boolean;
  includeDrafts: boolean;
  includeDeleted: boolean;
  /** Only datasets whose spatial coverage intersects this box. */
  bbox?: Bbox | null;
}

export interface SearchResult {
  count: number;
  datasets: Dataset[];
  facets: Partial<Record<FacetField, FacetCount[]>>;
  /** The sort actually applied, in CKAN syntax. */
  sort: string;
}

export interface Suggestions {
  /** The query with misspelt words replaced, or null when nothing looked misspelt. */
  correctedQuery: string | null;
  datasets: TitleSuggestion[];
}

export const DEFAULT_SORT = 'score desc, metadata_modified desc';

/** Filter queries in one search (each within the query language's own bounds). */
const MAX_FILTER_QUERIES = 20;
/** Suggestions look at the start of the text only: a title is not longer. */
const SUGGEST_TEXT_LENGTH = 200;
/** Words of a query corrected at most (a sentence pasted in the box is not corrected beyond). */
const MAX_CORRECTED_WORDS = 12;

/**
 * A search request with the usual defaults (everything public, ranked, first 10, no facets),
 * for callers that list datasets rather than answer a user's search.
 */
export function searchRequest(options: Partial<SearchRequest> = {}): SearchRequest {
  return {
    q: '',
    fq: [],
    sort: null,
    rows: 10,
    start: 0,
    facetFields: [],
    facetLimit: 50,
    includePrivate: false,
    includeDrafts: false,
    includeDeleted: false,
    ...options,
  };
}

const SORT_ALIASES: Record<string, SortKey['field']> = {
  rank: 'score',
  title_string: 'title',
  relevance: 'score',
};

/** Parses CKAN's sort parameter; an unknown field is a query error, as Solr reports it. */
export function parseSort(sort: string | null): SortKey[] {
  const text = sort?.trim() || DEFAULT_SORT;
  const parts = text.split(',');
  if (parts.length > SORT_FIELDS.length) throw queryError('Invalid "sort" parameter');
  return parts.map((part) => {
    const [rawField = '', rawDirection = 'asc', ...rest] = part.trim().split(/\s+/);
    const field = SORT_ALIASES[rawField] ?? rawField;
    const direction = rawDirection.toLowerCase();
    if (
      !(SORT_FIELDS as readonly string[]).includes(field) ||
      rest.length > 0 ||
      (direction !== 'asc' && direction !== 'desc')
    ) {
      throw queryError('Invalid "sort" parameter');
    }
    return { field: field as SortKey['field'], direction };
  });
}

export function createSearchService(deps: {
  db: Db;
  datasets: DatasetService;
  cache: SearchCache<SearchResult> | null;
  versions: SearchVersionRepo;
}) {
  const { db, datasets, cache, versions } = deps;
  /** The themes of the public catalogue with their counts, for its current version. */
  let themes: { version: string; counts: Promise<FacetCount[]> } | null = null;

  async function run(request: SearchRequest, visibility: Visibility): Promise<SearchResult> {
    if (request.fq.length > MAX_FILTER_QUERIES) {
      throw queryError(
        `more than ${MAX_FILTER_QUERIES} filter queries`,
        `plus de ${MAX_FILTER_QUERIES} requêtes de filtre`,
      );
    }
    const clauses: QueryNode[] = [parseQuery(request.q), ...request.fq.map(parseQuery)];
    if (clauses.reduce((sum, clause) => sum + countTerms(clause), 0) > QUERY_LIMITS.terms)
      throw tooManyTerms();
    if (request.bbox) clauses.push({ kind: 'bbox', ...request.bbox });
    const query: QueryNode =
      clauses.length === 1 ? (clauses[0] as QueryNode) : { kind: 'and', nodes: clauses };
    const sort = parseSort(request.sort);
    const rows = await runSearch(db, {
      query,
      visibility,
      sort,
      rows: request.rows,
      start: request.start,
      facets: request.facetFields,
      facetLimit: request.facetLimit,
    });
    return {
      count: rows.count,
      datasets: await datasets.loadMany(rows.ids),
      facets: rows.facets,
      sort: sort
        .map((key) => `${key.field === 'title' ? 'title_string' : key.field} ${key.direction}`)
        .join(', '),
    };
  }

  return {
    /**
     * Searches what the actor may see. A search that would see only public datasets is the same
     * for everyone, so it is answered from the cache while the catalogue has not changed.
     */
    async search(actor: Actor, request: SearchRequest): Promise<SearchResult> {
      const visibility = visibilityFor(actor, request);
      if (!cache || !seesOnlyPublic(visibility)) return run(request, visibility);
      const { q, fq, sort, rows, start, facetFields, facetLimit, bbox } = request;
      const key = JSON.stringify([q, fq, sort, rows, start, facetFields, facetLimit, bbox ?? null]);
      return cache.remember(key, () => run(request, PUBLIC));
    },

    /**
     * An organisation's datasets by metadata quality, worst first, with totals: what the actor may
     * see of them (private ones for its members, drafts for its editors).
     */
    qualityOverview(
      actor: Actor,
      organizationId: string,
      page: { limit: number; offset: number },
    ): Promise<QualityOverview> {
      const visibility = visibilityFor(actor, {
        includePrivate: true,
        includeDrafts: true,
        includeDeleted: false,
      });
      return qualityOverview(db, visibility, organizationId, page);
    },

    /** Hits and misses of the public-search cache, for monitoring and benchmarks. */
    cacheStats: () => cache?.stats() ?? null,

    /**
     * The themes of the public catalogue, most published in first, with their counts: the same
     * for everyone until the catalogue changes, so counted once per version (it counts the whole
     * catalogue), whether searches are cached or not.
     */
    async publicThemes(): Promise<FacetCount[]> {
      const version = await versions.current();
      if (themes?.version !== version) {
        const counts = run(
          searchRequest({ rows: 0, facetFields: ['groups'], facetLimit: null }),
          PUBLIC,
        ).then((result) => result.facets.groups ?? []);
        themes = { version, counts };
        // A failed count is not kept.
        counts.catch(() => {
          if (themes?.counts === counts) themes = null;
        });
      }
      return themes.counts;
    },

    /** Before the database closes. */
    close: async (): Promise<void> => {
      await versions.stop();
    },

    /**
     * The text with each unknown word (three letters or more) replaced by the closest word of
     * public titles and keywords, in French or English; null when nothing changes.
     */
    async correct(fullText: string): Promise<string | null> {
      const words = fullText
        .slice(0, SUGGEST_TEXT_LENGTH)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => word !== '')
        .slice(0, MAX_CORRECTED_WORDS);
      const checked = words.filter((word) => word.length >= 3);
      const closest = await closestTerms(db, checked);
      const replacements = new Map(checked.map((word, index) => [word, closest[index] ?? null]));
      let changed = false;
      const corrected = words.map((word) => {
        const replacement = replacements.get(word);
        if (!replacement) return word;
        changed = true;
        return replacement;
      });
      return changed ? corrected.join(' ') : null;
    },

    /** Titles close to the text, and the text with its misspelt words corrected. */
    async suggest(actor: Actor, fullText: string, limit: number): Promise<Suggestions> {
      const text = fullText.slice(0, SUGGEST_TEXT_LENGTH);
      const visibility = visibilityFor(actor, {
        includePrivate: true,
        includeDrafts: false,
        includeDeleted: false,
      });
      const similar = await similarTitles(db, text, visibility, limit);
      return {
        correctedQuery: correctQuery(
          text,
          similar.map((suggestion) => suggestion.title.fr),
        ),
        datasets: similar,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
