import { followState } from '../community/follow.js';
import { href } from '../i18n/paths.js';
import type { PageRoutes, WebDeps } from '../shell/page-routes.js';
import { ProcurementPolicyPage } from './policy.page.js';
import { TenderPage } from './tender.page.js';
import {
  readTenderState,
  TENDER_PAGE_SIZE,
  tenderQueryString,
  toTenderFilters,
} from './tender-search-state.js';
import { TendersPage } from './tenders.page.js';

/** Public procurement on the portal: tender search, one tender, the publication policy. */
export function procurementPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { publication, links } = deps.procurement;

  pages.get('tenders', async (page) => {
    const state = readTenderState(page.query);
    const now = new Date();
    const { filters, errors } = toTenderFilters(state, page.context({ page: 'tenders' }).t, now);
    const back = href(page.locale, 'tenders', {}, tenderQueryString(state));
    const { follows } = deps.community;
    const [{ count, rows }, buyers, buyerFollow, categoryFollow] = await Promise.all([
      publication.searchTenders(filters, {
        limit: TENDER_PAGE_SIZE,
        offset: (state.page - 1) * TENDER_PAGE_SIZE,
      }),
      publication.buyers(),
      state.buyer ? followState(follows, page.actor, 'buyer', state.buyer, back) : null,
      state.category ? followState(follows, page.actor, 'category', state.category, back) : null,
    ]);
    const ctx = page.context({ page: 'tenders', query: tenderQueryString(state) });
    const view = {
      state,
      errors,
      count,
      tenders: rows,
      buyers,
      now,
      follows: { buyer: buyerFollow, category: categoryFollow },
    };
    return <TendersPage ctx={ctx} view={view} />;
  });

  pages.get('tender', async (page) => {
    const ocid = page.params.ocid ?? '';
    const [compiled, releases] = await Promise.all([
      publication.compiledRelease(ocid),
      publication.releaseIndex(ocid),
    ]);
    const view = {
      ocid,
      compiled,
      releases,
      recordUrl: links.record(ocid),
      releaseUrl: (releaseId: string) => links.release(ocid, releaseId),
    };
    return <TenderPage ctx={page.context({ page: 'tender', params: { ocid } })} view={view} />;
  });

  pages.get('procurementPolicy', async (page) => {
    const [months, weeks, counts] = await Promise.all([
      publication.periods('month'),
      publication.periods('week'),
      publication.counts(),
    ]);
    const view = { months, weeks, counts, links };
    return <ProcurementPolicyPage ctx={page.context({ page: 'procurementPolicy' })} view={view} />;
  });
}
