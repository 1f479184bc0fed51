import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { negotiateLocale } from '../../../platform/i18n/index.js';
import { type AtomEntry, atomDocument } from '../feeds/atom.js';
import { formatDate, formatMoney } from '../i18n/format.js';
import { translator } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import { siteTitle, type WebDeps } from '../shell/page-routes.js';

const FEED_SIZE = 50;
const TenderFeedQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])),
  buyer: Type.Optional(Type.String({ maxLength: 300 })),
});

/** Atom feed of newly opened tenders, overall or for one buyer: suppliers subscribe to it. */
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
        const tenders = await publication.newTenders({ buyerId: query.buyer, limit: FEED_SIZE });
        const buyerName = query.buyer ? (tenders[0]?.buyerName ?? query.buyer) : null;
        const params = new URLSearchParams({ lang: locale, ...(query.buyer ? { buyer: query.buyer } : {}) });
        const entries = tenders.map((tender): AtomEntry => {
          const english = locale === 'en' ? tender.titleEn : null;
          const facts = [
            tender.buyerName,
            tender.tenderEnd
              ? t('tenderClosesOn', { date: formatDate(locale, new Date(tender.tenderEnd)) })
              : null,
            tender.valueAmount !== null
              ? t('tenderEstimate', { amount: formatMoney(locale, tender.valueAmount) })
              : null,
          ].filter(Boolean);
          const opened = new Date(tender.openedAt ?? 0);
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
            alternate: `${baseUrl}${href(locale, 'tenders', {}, query.buyer ? `buyer=${encodeURIComponent(query.buyer)}` : undefined)}`,
            title: `${t('tenderFeedTitle')}${buyerName ? ` — ${buyerName}` : ''} — ${siteTitle(deps.config, locale)}`,
            locale,
            updated: entries[0]?.updated ?? new Date(0),
          },
          entries,
        );
        return reply
          .type('application/atom+xml; charset=utf-8')
          .header('Cache-Control', 'public, max-age=300')
          .send(body);
      },
    );
  };
}
