import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { negotiateLocale } from '../../../platform/i18n/index.js';
import { type AtomEntry, atomDocument, sendAtom } from '../feeds/atom.js';
import { formatDeadline, formatMoney } from '../i18n/format.js';
import { translator } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import { siteTitle, type WebDeps } from '../shell/page-routes.js';
import { readTenderState, tenderQueryString, toTenderFilters } from './tender-search-state.js';

const FEED_SIZE = 50;
const Param = Type.Optional(Type.String({ maxLength: 500 }));
const TenderFeedQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])),
  q: Param,
  status: Param,
  buyer: Param,
  category: Param,
  method: Param,
  min: Param,
  max: Param,
  from: Param,
  to: Param,
});

/**
 * Atom feed of newly opened tenders, newest first: overall, or for the search a supplier made on
 * the tenders page (its words and filters, as that page reads them; all tenders unless `status=open`).
 */
export function tenderFeedRoutes(deps: Pick<WebDeps, 'procurement' | 'config'>): FastifyPluginAsyncTypebox {
  const { publication } = deps.procurement;
  const { baseUrl } = deps.config;
  return async (app) => {
    app.get(
      '/feeds/tenders.atom',
      { schema: { hide: true, querystring: TenderFeedQuery } },
      async (request, reply) => {
        const query = request.query;
        const locale = query.lang ?? negotiateLocale(request.headers['accept-language'], 'fr');
        const t = translator(locale);
        const state = readTenderState({ ...query, status: query.status ?? 'all', page: undefined });
        const { filters } = toTenderFilters(state, t, new Date());
        const { rows: tenders } = await publication.searchTenders(
          { ...filters, sort: 'newest' },
          { limit: FEED_SIZE, offset: 0 },
        );
        const buyerName = query.buyer ? (tenders[0]?.buyerName ?? query.buyer) : null;
        const search = tenderQueryString(state, 1);
        const params = new URLSearchParams(search);
        params.set('status', state.status);
        params.set('lang', locale);
        const entries = tenders.map((tender): AtomEntry => {
          const english = locale === 'en' ? tender.titleEn : null;
          const facts = [
            tender.buyerName,
            tender.tenderEnd ? t('tenderClosesOn', { date: formatDeadline(locale, tender.tenderEnd) }) : null,
            tender.valueAmount !== null
              ? t('tenderEstimate', { amount: formatMoney(locale, tender.valueAmount) })
              : null,
          ].filter(Boolean);
          const opened = new Date(tender.openedAt ?? tender.tenderStart ?? Date.now());
          return {
            id: `${baseUrl}/ocds/${tender.ocid}`,
            title: {
              text: english ?? tender.title ?? tender.ocid,
              lang: locale === 'en' && !english ? 'fr' : undefined,
            },
            link: `${baseUrl}${href(locale, 'tender', { ocid: tender.ocid })}`,
            published: opened,
            updated: opened,
            author: tender.buyerName ?? '',
            summary: { text: facts.join(' · ') },
            categories: [tender.mainCategory, tender.procurementMethod].filter(
              (code): code is string => code !== null,
            ),
          };
        });
        const body = atomDocument(
          {
            self: `${baseUrl}/feeds/tenders.atom?${params}`,
            alternate: `${baseUrl}${href(locale, 'tenders', {}, tenderQueryString(state, 1) || undefined)}`,
            title: `${t('tenderFeedTitle')}${buyerName ? ` — ${buyerName}` : ''} — ${siteTitle(deps.config, locale)}`,
            locale,
            updated: entries[0]?.updated ?? new Date(),
          },
          entries,
        );
        return sendAtom(reply, body);
      },
    );
  };
}
