import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { negotiateLocale } from '../../../platform/i18n/index.js';
import { ANONYMOUS } from '../../accounts/index.js';
import { type AtomEntry, atomDocument, sendAtom } from '../feeds/atom.js';
import { translator } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import { siteTitle, type WebDeps } from '../shell/page-routes.js';
import { excerpt } from '../ui/markdown.js';
import { STATUS_LABELS } from './requests.page.js';

const FEED_SIZE = 50;
const FeedQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])) });

/** /feeds/data-requests.atom: the requests last asked or answered, as anyone sees them. */
export function requestFeedRoutes(deps: Pick<WebDeps, 'community' | 'config'>): FastifyPluginAsyncTypebox {
  const { requests } = deps.community;
  const { baseUrl } = deps.config;
  return async (app) => {
    app.get(
      '/feeds/data-requests.atom',
      { schema: { hide: true, querystring: FeedQuery } },
      async (request, reply) => {
        const locale = request.query.lang ?? negotiateLocale(request.headers['accept-language'], 'fr');
        const t = translator(locale);
        const { requests: rows } = await requests.list(ANONYMOUS, {
          status: null,
          organization: null,
          text: null,
          sort: 'updated',
          limit: FEED_SIZE,
          offset: 0,
        });
        const entries = rows.map(
          (row): AtomEntry => ({
            id: `urn:uuid:${row.id}`,
            // Requests are written in one language, which the portal does not know: no xml:lang.
            title: { text: `${row.title} (${t(STATUS_LABELS[row.status])})` },
            link: `${baseUrl}${href(locale, 'dataRequest', { number: String(row.number) })}`,
            published: row.created,
            updated: row.updated,
            author: row.author.name,
            summary: { text: excerpt(row.description, 500) },
            categories: [row.status],
          }),
        );
        const body = atomDocument(
          {
            self: `${baseUrl}/feeds/data-requests.atom?lang=${locale}`,
            alternate: `${baseUrl}${href(locale, 'dataRequests', {}, 'ordre=updated')}`,
            title: `${t('drTitle')} — ${siteTitle(deps.config, locale)}`,
            locale,
            updated: entries[0]?.updated ?? new Date(0),
          },
          entries,
        );
        return sendAtom(reply, body);
      },
    );
  };
}
