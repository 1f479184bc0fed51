import { TooManyRequestsError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { followState } from '../community/follow.js';
import { href } from '../i18n/paths.js';
import type { PageRequest, PageRoutes, WebDeps } from '../shell/page-routes.js';
import { EnterprisePage } from './enterprise.page.js';
import { RegistryPage } from './registry.page.js';
import { readRegistryState, registryQueryString, toEnterpriseSearch } from './registry-search-state.js';

/** Pages query the registry like the API does, under the same per-client budget. */
export async function takeRegistryBudget(page: PageRequest, deps: WebDeps): Promise<void> {
  const wait = await deps.registryLimiter.take(page.actor.user?.id ?? page.request.ip);
  if (wait > 0) {
    page.reply.header('Retry-After', String(wait));
    throw new TooManyRequestsError(
      localized(
        'Trop de recherches au registre : réessayez dans un moment.',
        'Too many registry searches: try again shortly.',
      ),
      wait,
    );
  }
}

/** The business registry on the portal: the search page and each enterprise's page. */
export function registryPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { registry } = deps;
  const limited = (page: PageRequest) => takeRegistryBudget(page, deps);

  pages.get('registry', async (page) => {
    await limited(page);
    const state = readRegistryState(page.query);
    const ctx = page.context({ page: 'registry', query: registryQueryString(state) || undefined });
    const { search, errors } = toEnterpriseSearch(state, ctx.t);
    const [edition, codes] = await Promise.all([registry.currentEdition(), registry.legalForms()]);
    const searched =
      state.q ||
      Object.values(search.filters).some((value) => (Array.isArray(value) ? value.length > 0 : value));
    const result =
      searched && Object.keys(errors).length === 0
        ? await registry.search(search)
        : { hits: [], total: null };
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const view = {
      state,
      errors,
      searched: Boolean(searched),
      hits: result.hits,
      total: result.total,
      edition: edition?.publishedOn ?? null,
      formLabels: codes,
    };
    return <RegistryPage ctx={ctx} view={view} />;
  });

  pages.get('enterprise', async (page) => {
    await limited(page);
    const neq = page.params.neq ?? '';
    const [enterprise, follow] = await Promise.all([
      registry.enterprise(neq),
      followState(
        deps.community.follows,
        page.actor,
        'enterprise',
        neq,
        href(page.locale, 'enterprise', { neq }),
      ),
    ]);
    return (
      <EnterprisePage
        ctx={page.context({ page: 'enterprise', params: { neq } })}
        enterprise={enterprise}
        follow={follow}
      />
    );
  });
}
