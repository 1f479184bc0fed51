import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotFoundError } from '../../../platform/http/errors.js';
import { localized, negotiateLocale } from '../../../platform/i18n/index.js';
import { type AtomEntry, atomDocument } from '../feeds/atom.js';
import { translator } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import { siteTitle, type WebDeps } from '../shell/page-routes.js';

const FeedQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])) });

/**
 * /feeds/alerts/:token.atom: one person's private feed of what changed in what they follow. Its
 * address is its secret: never cached by others, never passed on as a referrer.
 */
export function alertFeedRoutes(deps: Pick<WebDeps, 'community' | 'config'>): FastifyPluginAsyncTypebox {
  const { follows } = deps.community;
  const { baseUrl } = deps.config;
  return async (app) => {
    app.get(
      '/feeds/alerts/:file',
      {
        schema: {
          hide: true,
          params: Type.Object({ file: Type.String({ maxLength: 100 }) }),
          querystring: FeedQuery,
        },
      },
      async (request, reply) => {
        const token = request.params.file.endsWith('.atom') ? request.params.file.slice(0, -5) : '';
        const events = token ? await follows.feed(token) : null;
        if (!events) throw new NotFoundError('feed', 'alerts', localized('Fil inconnu', 'Unknown feed'));
        const locale = request.query.lang ?? negotiateLocale(request.headers['accept-language'], 'fr');
        const t = translator(locale);
        const entries = events.map(
          (event): AtomEntry => ({
            id: `${baseUrl}/feeds/alerts#${event.id}`,
            title: { text: event.title[locale] },
            link: event.url,
            published: event.occurred,
            updated: event.occurred,
            author: siteTitle(deps.config, locale),
            categories: [event.type],
          }),
        );
        const body = atomDocument(
          {
            self: `${baseUrl}/feeds/alerts/${token}.atom?lang=${locale}`,
            alternate: `${baseUrl}${href(locale, 'follows')}`,
            title: `${t('fwFeedTitle')} — ${siteTitle(deps.config, locale)}`,
            locale,
            updated: entries[0]?.updated ?? new Date(0),
          },
          entries,
        );
        return reply
          .type('application/atom+xml; charset=utf-8')
          .header('Cache-Control', 'private, no-cache')
          .header('Referrer-Policy', 'no-referrer')
          .send(body);
      },
    );
  };
}
