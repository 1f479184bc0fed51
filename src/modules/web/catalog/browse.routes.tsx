import { QueryError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { ANONYMOUS, canSeeMembers } from '../../accounts/index.js';
import { type GroupKind, QUERY_LIMITS, type SearchResult, searchRequest } from '../../catalog/index.js';
import { CKAN_TRY_ACTIONS, CKAN_TRY_PATH, tryUrl } from '../client/api-try.js';
import { followState } from '../community/follow.js';
import { href } from '../i18n/paths.js';
import type { PageRoutes, WebDeps } from '../shell/page-routes.js';
import { ApiDocsPage, type OpenApiDocument } from './api-docs.page.js';
import { GroupPage, GroupsPage } from './groups.page.js';
import { HomePage } from './home.page.js';
import { allGroups } from './loaders.js';
import { type NoResultsHelp, SearchPage } from './search.page.js';
import {
  PAGE_SIZE,
  plainWords,
  readSearchState,
  type SearchState,
  searchQueryString,
  toSearchRequest,
} from './search-state.js';

const FACET_LIMIT = 10;

/** The pages everyone reads: home, search, organisations, themes, API documentation. */
export function browseRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog } = deps;

  pages.get('home', async (page) => {
    // The same for everyone, so it comes from the search cache.
    const [overview, mostViewed] = await Promise.all([
      catalog.search.search(
        ANONYMOUS,
        searchRequest({
          sort: 'metadata_modified desc',
          rows: 5,
          facetFields: ['organization', 'groups', 'res_format'],
          facetLimit: null,
        }),
      ),
      catalog.pageViews.mostViewed(ANONYMOUS, 5),
    ]);
    const view = {
      datasetCount: overview.count,
      themes: overview.facets.groups ?? [],
      publishers: overview.facets.organization ?? [],
      formatCount: overview.facets.res_format?.length ?? 0,
      recent: overview.datasets,
      mostViewed,
    };
    return <HomePage ctx={page.context({ page: 'home' })} view={view} />;
  });

  pages.get('search', async (page) => {
    const asked = readSearchState(page.query);
    const options = { signedIn: page.actor.user !== null, facetLimit: FACET_LIMIT };
    const search = async (state: SearchState): Promise<SearchResult> => {
      const request = toSearchRequest(state, options);
      try {
        return await catalog.search.search(page.actor, request);
      } catch (error) {
        // A query the syntax refuses ("(eau") is searched as plain words: people type, not program.
        // One beyond the language's bounds is refused with its reason (a 400 page).
        if (!(error instanceof QueryError) || state.q.length > QUERY_LIMITS.length) throw error;
        return catalog.search.search(page.actor, { ...request, q: plainWords(state.q) });
      }
    };
    let state = asked;
    let result = await search(asked);
    let correctedFrom: string | null = null;
    // Nothing for « budjet »: the results for « budget », saying so.
    // Nothing found: the help (titles close to the words) is looked up while the words are
    // corrected and searched again; it is shown only if the corrected search finds nothing either.
    const similar = result.count === 0 && asked.q ? catalog.search.suggest(page.actor, asked.q, 5) : null;
    similar?.catch(() => undefined);
    if (result.count === 0 && asked.q) {
      const corrected = await catalog.search.correct(asked.q);
      const retried = corrected ? await search({ ...asked, q: corrected, page: 1 }) : null;
      if (corrected && retried && retried.count > 0) {
        state = { ...asked, q: corrected, page: 1 };
        result = retried;
        correctedFrom = asked.q;
      }
    }
    const help = result.count === 0 ? await noResultsHelp(similar) : null;
    const [scores, follow] = await Promise.all([
      deps.quality.scores.scores(result.datasets.map((dataset) => dataset.id)),
      state.q.trim()
        ? followState(
            deps.community.follows,
            page.actor,
            'search',
            state.q,
            href(page.locale, 'search', {}, `q=${encodeURIComponent(state.q)}`),
          )
        : null,
    ]);
    const ctx = page.context({ page: 'search', query: searchQueryString(state) });
    return <SearchPage ctx={ctx} view={{ state, result, correctedFrom, help, scores, follow }} />;
  });

  /** When nothing matches: titles close to the words, and the themes most published in. */
  async function noResultsHelp(
    suggestions: ReturnType<typeof catalog.search.suggest> | null,
  ): Promise<NoResultsHelp> {
    const [similar, themes] = await Promise.all([suggestions, catalog.search.publicThemes()]);
    return { similar: similar?.datasets ?? [], themes: themes.slice(0, 8) };
  }

  for (const [kind, list, one] of [
    ['organization', 'organizations', 'organization'],
    ['group', 'themes', 'theme'],
  ] as const) {
    pages.get(list, async (page) => {
      const groups = await allGroups(catalog, page.actor, kind);
      return <GroupsPage ctx={page.context({ page: list })} kind={kind} groups={groups} />;
    });

    pages.get(one, async (page) => {
      const group = await catalog.groups.require(kind, page.params.name ?? '');
      const state = readSearchState({ page: page.query.page });
      const filter = kind === 'organization' ? 'organization' : 'groups';
      const signedIn = page.actor.user !== null;
      const [result, follow] = await Promise.all([
        catalog.search.search(
          page.actor,
          searchRequest({
            fq: [`${filter}:"${group.name}"`],
            sort: 'metadata_modified desc',
            rows: PAGE_SIZE,
            start: (state.page - 1) * PAGE_SIZE,
            includePrivate: signedIn,
            includeDrafts: signedIn,
          }),
        ),
        followState(
          deps.community.follows,
          page.actor,
          kind === 'organization' ? 'organization' : 'theme',
          group.id,
          href(page.locale, one, { name: group.name }),
        ),
      ]);
      const view = {
        kind: kind as GroupKind,
        group,
        result,
        follow,
        page: state.page,
        canSeeMembers: kind === 'organization' && canSeeMembers(page.actor, group.id),
      };
      const query = state.page > 1 ? `page=${state.page}` : undefined;
      return <GroupPage ctx={page.context({ page: one, params: { name: group.name }, query })} view={view} />;
    });
  }

  pages.get('api', async (page) => (
    <ApiDocsPage
      ctx={page.context({ page: 'api' }, { scripts: ['api-console'] })}
      document={deps.openApi() as OpenApiDocument}
    />
  ));

  // The console without JavaScript: the documented read call, its path filled, as an address.
  pages.get('apiTry', async (page) => {
    const path = typeof page.query.chemin === 'string' ? page.query.chemin : '';
    const documented = (deps.openApi() as OpenApiDocument).paths[path]?.get;
    const action = typeof page.query['p.action'] === 'string' ? page.query['p.action'] : '';
    const ckan = path === CKAN_TRY_PATH && (CKAN_TRY_ACTIONS as readonly string[]).includes(action);
    if (!ckan && !(path.startsWith('/api/v1/') && documented)) {
      throw new ValidationError([
        {
          path: 'chemin',
          code: 'not_tryable',
          message: localized(
            'Cet appel ne peut pas être essayé ici : seuls les appels en lecture de la documentation le peuvent.',
            'This call cannot be tried here: only the documented read calls can.',
          ),
        },
      ]);
    }
    const fields = Object.entries(page.query).flatMap(([key, value]) =>
      typeof value === 'string' ? [[key, value] as [string, string]] : [],
    );
    return page.reply.redirect(tryUrl(path, fields), 303);
  });
}
