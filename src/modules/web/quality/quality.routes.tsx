import { readSearchState } from '../catalog/search-state.js';
import { type PageRoutes, signedInUser, type WebDeps } from '../shell/page-routes.js';
import { DASHBOARD_PAGE_SIZE, DashboardPage } from './dashboard.page.js';

/** The publishers' quality dashboard of an organisation (what the reader may see of it). */
export function qualityPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  pages.get('organizationQuality', async (page) => {
    signedInUser(page);
    const organization = await deps.catalog.groups.require('organization', page.params.name ?? '');
    const { page: number } = readSearchState({ page: page.query.page });
    const quality = await deps.quality.scores.organization(page.actor, organization.id, {
      limit: DASHBOARD_PAGE_SIZE,
      offset: (number - 1) * DASHBOARD_PAGE_SIZE,
    });
    const ctx = page.context({
      page: 'organizationQuality',
      params: { name: organization.name },
      query: number > 1 ? `page=${number}` : undefined,
    });
    return <DashboardPage ctx={ctx} view={{ organization, quality, page: number }} />;
  });
}
