import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { negotiateLocale } from '../../../platform/i18n/index.js';
import { ANONYMOUS } from '../../accounts/index.js';
import { type GroupKind, searchRequest } from '../../catalog/index.js';
import { translator } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import { siteTitle, type WebDeps } from '../shell/page-routes.js';
import { pickTitle } from '../ui/localized.js';
import { atomFeed } from './atom.js';
import { DATASETS_PER_SITEMAP, sitemapIndex, urlSet } from './sitemap.js';

const FEED_SIZE = 50;
const FeedQuery = Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])) });
const NameParam = Type.Object({ name: Type.String({ maxLength: 100 }) });
const NumberParam = Type.Object({ number: Type.String({ maxLength: 10 }) });

/** What robots and feed readers fetch: Atom feeds, sitemaps, robots.txt. Public data only. */
export function feedRoutes(deps: Pick<WebDeps, 'catalog' | 'config'>): FastifyPluginAsyncTypebox {
  const { catalog, config } = deps;
  const { baseUrl } = config;

  const sendXml = (reply: FastifyReply, type: string, body: string) =>
    reply.type(`${type}; charset=utf-8`).header('Cache-Control', 'public, max-age=300').send(body);

  return async (app) => {
    app.get(
      '/feeds/dataset.atom',
      { schema: { hide: true, querystring: FeedQuery } },
      async (request, reply) => {
        const locale = request.query.lang ?? negotiateLocale(request.headers['accept-language'], 'fr');
        const result = await catalog.search.search(
          ANONYMOUS,
          searchRequest({ sort: 'metadata_modified desc', rows: FEED_SIZE }),
        );
        const t = translator(locale);
        const body = atomFeed({
          self: `${baseUrl}/feeds/dataset.atom?lang=${locale}`,
          alternate: `${baseUrl}${href(locale, 'search', {}, 'sort=recent')}`,
          title: `${t('recentDatasets')} — ${siteTitle(config, locale)}`,
          locale,
          baseUrl,
          datasets: result.datasets,
        });
        return sendXml(reply, 'application/atom+xml', body);
      },
    );

    for (const kind of ['organization', 'group'] as const satisfies readonly GroupKind[]) {
      app.get(
        `/feeds/${kind}/:name.atom`,
        { schema: { hide: true, params: NameParam, querystring: FeedQuery } },
        async (request, reply) => {
          const { name } = request.params;
          const locale = request.query.lang ?? negotiateLocale(request.headers['accept-language'], 'fr');
          const group = await catalog.groups.require(kind, name);
          const filter = kind === 'organization' ? 'organization' : 'groups';
          const result = await catalog.search.search(
            ANONYMOUS,
            searchRequest({
              fq: [`${filter}:"${group.name}"`],
              sort: 'metadata_modified desc',
              rows: FEED_SIZE,
            }),
          );
          const page = kind === 'organization' ? 'organization' : 'theme';
          const body = atomFeed({
            self: `${baseUrl}/feeds/${kind}/${encodeURIComponent(group.name)}.atom?lang=${locale}`,
            alternate: `${baseUrl}${href(locale, page, { name: group.name })}`,
            title: `${pickTitle(locale, group.title).text} — ${siteTitle(config, locale)}`,
            locale,
            baseUrl,
            datasets: result.datasets,
          });
          return sendXml(reply, 'application/atom+xml', body);
        },
      );
    }

    app.get('/sitemap.xml', { schema: { hide: true } }, async (_request, reply) => {
      const { count } = await catalog.search.search(ANONYMOUS, searchRequest({ rows: 0 }));
      return sendXml(
        reply,
        'application/xml',
        sitemapIndex(baseUrl, Math.ceil(count / DATASETS_PER_SITEMAP)),
      );
    });

    app.get('/sitemaps/pages.xml', { schema: { hide: true } }, async (_request, reply) => {
      const list = { names: null, sort: 'name', direction: 'asc', limit: null, offset: 0 } as const;
      const [organizations, themes] = await Promise.all([
        catalog.groups.list(ANONYMOUS, 'organization', list),
        catalog.groups.list(ANONYMOUS, 'group', list),
      ]);
      const pages = [
        { page: 'home' as const },
        { page: 'search' as const },
        { page: 'organizations' as const },
        { page: 'themes' as const },
        { page: 'api' as const },
        ...organizations.map(({ group }) => ({
          page: 'organization' as const,
          params: { name: group.name },
        })),
        ...themes.map(({ group }) => ({ page: 'theme' as const, params: { name: group.name } })),
      ];
      return sendXml(reply, 'application/xml', urlSet(baseUrl, pages));
    });

    app.get(
      '/sitemaps/datasets-:number.xml',
      { schema: { hide: true, params: NumberParam } },
      async (request, reply) => {
        const number = Number(request.params.number);
        if (!Number.isSafeInteger(number) || number < 1) return reply.callNotFound();
        const names = await catalog.datasets.listPublicNames(
          DATASETS_PER_SITEMAP,
          (number - 1) * DATASETS_PER_SITEMAP,
        );
        if (names.length === 0) return reply.callNotFound();
        return sendXml(
          reply,
          'application/xml',
          urlSet(
            baseUrl,
            names.map((name) => ({ page: 'dataset' as const, params: { name } })),
          ),
        );
      },
    );

    app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) => {
      const privatePages = ['workspace', 'signIn', 'signOut'] as const;
      const disallowed = privatePages.flatMap((page) => [href('fr', page), href('en', page)]);
      const lines = [
        'User-agent: *',
        ...disallowed.map((path) => `Disallow: ${path}`),
        'Disallow: /uploads',
        '',
        `Sitemap: ${baseUrl}/sitemap.xml`,
        '',
      ];
      return reply.type('text/plain; charset=utf-8').send(lines.join('\n'));
    });
  };
}
