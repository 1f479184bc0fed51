import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { oneOf } from '../../../platform/http/one-of.js';
import { negotiateLocale } from '../../../platform/i18n/index.js';
import { CHANGE_KINDS } from '../../registry/index.js';
import { type AtomEntry, atomDocument, sendAtom } from '../feeds/atom.js';
import { type MessageKey, translator } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import { siteTitle, type WebDeps } from '../shell/page-routes.js';

const FEED_SIZE = 100;
const Query = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])),
  kind: Type.Optional(oneOf(CHANGE_KINDS)),
});

/** Atom feed of the registry's latest changes, every kind or one (new enterprises, strike-offs…). */
export function registryFeedRoutes(deps: Pick<WebDeps, 'registry' | 'config'>): FastifyPluginAsyncTypebox {
  const { baseUrl } = deps.config;
  return async (app) => {
    app.get(
      '/feeds/registry-changes.atom',
      { schema: { hide: true, querystring: Query } },
      async (request, reply) => {
        const query = request.query;
        const locale = query.lang ?? negotiateLocale(request.headers['accept-language'], 'fr');
        const t = translator(locale);
        const changes = await deps.registry.latestChanges(FEED_SIZE, query.kind ?? null);
        const entries = changes.map((change): AtomEntry => {
          const published = new Date(`${change.edition}T12:00:00Z`);
          const to = change.details && typeof change.details.to === 'string' ? change.details.to : null;
          return {
            id: `${baseUrl}/api/v1/registry/changes#${change.seq}`,
            title: {
              text: `${t(`change_${change.kind}` as MessageKey)} — ${change.name ?? change.neq}`,
              lang: locale === 'en' ? undefined : 'fr',
            },
            link: `${baseUrl}${href(locale, 'enterprise', { neq: change.neq })}`,
            published,
            updated: published,
            author: 'Registraire des entreprises du Québec',
            summary: to ? { text: to, lang: 'fr' } : null,
            categories: [change.kind],
          };
        });
        const params = new URLSearchParams({ lang: locale, ...(query.kind ? { kind: query.kind } : {}) });
        const body = atomDocument(
          {
            self: `${baseUrl}/feeds/registry-changes.atom?${params}`,
            alternate: `${baseUrl}${href(locale, 'registry')}`,
            title: `${t('registryFeedTitle')}${query.kind ? ` — ${t(`change_${query.kind}` as MessageKey)}` : ''} — ${siteTitle(deps.config, locale)}`,
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
