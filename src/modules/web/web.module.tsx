import compress from '@fastify/compress';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { AppError, NotFoundError, TooManyRequestsError } from '../../platform/http/errors.js';
import { type Locale, localized, negotiateLocale } from '../../platform/i18n/index.js';
import type { Module, Platform } from '../../platform/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { CommunityServices } from '../community/index.js';
import type { DatastoreServices } from '../datastore/index.js';
import type { HarvestServices } from '../harvest/index.js';
import type { ProcurementService } from '../procurement/index.js';
import type { QualityServices } from '../quality/index.js';
import type { ReferenceServices } from '../reference/index.js';
import type { RegistryServices } from '../registry/index.js';
import type { SchemasServices } from '../schemas/index.js';
import { accountRoutes } from './account/account.routes.js';
import { memberRoutes } from './account/members.routes.js';
import { selfServiceRoutes } from './account/self-service.routes.js';
import { browseRoutes } from './catalog/browse.routes.js';
import { datasetRoutes } from './catalog/dataset.routes.js';
import { datasetFormRoutes } from './catalog/dataset-form.routes.js';
import { publishingRoutes } from './catalog/publishing.routes.js';
import { redirectRoutes } from './catalog/redirects.routes.js';
import { alertFeedRoutes } from './community/alerts-feed.routes.js';
import { consultationPageRoutes } from './community/consultations.routes.js';
import { discussionPageRoutes } from './community/discussions.routes.js';
import { followPageRoutes } from './community/follows.routes.js';
import { requestRoutes } from './community/requests.routes.js';
import { requestFeedRoutes } from './community/requests-feed.routes.js';
import { reusePageRoutes } from './community/reuses.routes.js';
import { webhookPageRoutes } from './community/webhooks.routes.js';
import { dictionaryRoutes } from './datastore/dictionary.routes.js';
import { resourceRoutes } from './datastore/resource.routes.js';
import { resourceFormRoutes } from './datastore/resource-form.routes.js';
import { uploadRoutes } from './datastore/uploads.routes.js';
import { ecosystemPageRoutes } from './ecosystems/ecosystems.routes.js';
import { joinRoutes } from './ecosystems/join.routes.js';
import { joinRequestRoutes } from './ecosystems/join-requests.routes.js';
import { feedRoutes } from './feeds/feeds.routes.js';
import { harvestRoutes } from './harvest/harvest.routes.js';
import { type MessageKey, translator } from './i18n/messages.js';
import { href } from './i18n/paths.js';
import { procurementPageRoutes } from './procurement/procurement.routes.js';
import { tenderFeedRoutes } from './procurement/tender-feeds.routes.js';
import { qualityPageRoutes } from './quality/quality.routes.js';
import { referencePageRoutes } from './reference/reference.routes.js';
import { registryPageRoutes } from './registry/registry.routes.js';
import { registryFeedRoutes } from './registry/registry-feeds.routes.js';
import { schemaGuessRoutes } from './schemas/guess.routes.js';
import { schemaPageRoutes } from './schemas/schemas.routes.js';
import { loadAssets } from './shell/assets.js';
import { ErrorPage } from './shell/error-page.js';
import { pageRoutes, SignInRequired, sendPage, siteTitle, type WebDeps } from './shell/page-routes.js';
import { CsrfError, createWebCookies } from './shell/web-cookies.js';

/**
 * Pages may load only this site's own files; nothing may frame them. The JSON-LD block is data,
 * not script, so no inline script is ever allowed.
 */
/** What a page may load; only embed pages may sit in another site's frame. */
function contentSecurityPolicy(mapTilesUrl: string, frameAncestors: "'none'" | '*'): string {
  const tiles = new URL(mapTilesUrl.replace(/\{[a-z]\}/g, '0')).origin;
  return `default-src 'self'; img-src 'self' data: ${tiles}; script-src 'self'; style-src 'self'; object-src 'none'; frame-ancestors ${frameAncestors}; base-uri 'none'; form-action 'self'`;
}

/** The language of a page's route, of its address (/fr/…, /en/…), or the one the browser asks for. */
function localeOf(request: FastifyRequest): Locale {
  const own = request.routeOptions.config?.locale;
  if (own) return own;
  const prefix = /^\/(fr|en)(\/|\?|$)/.exec(request.url)?.[1];
  return prefix === 'fr' || prefix === 'en'
    ? prefix
    : negotiateLocale(request.headers['accept-language'], 'fr');
}

/**
 * The web portal: pages in French and English, their assets, feeds and the upload endpoint; and
 * the answer to an unknown address (a page for browsers, problem+json for programs).
 */
export function createWebModule(
  platform: Platform,
  config: Config,
  modules: {
    accounts: AccountsService;
    catalog: CatalogService;
    procurement: ProcurementService;
    datastore: DatastoreServices;
    registry: RegistryServices;
    reference: ReferenceServices;
    schemas: SchemasServices;
    quality: QualityServices;
    harvest: HarvestServices;
    community: CommunityServices;
  },
): Module<null> {
  // The scripts are bundled (esbuild) when the routes are registered: commands that serve no
  // page do not pay for it.
  let assets: Awaited<ReturnType<typeof loadAssets>>;
  const deps = { config };
  // Filled when the routes are registered (the API's description is known then).
  let openApi: () => unknown = () => ({});
  const web: WebDeps = {
    catalog: modules.catalog,
    accounts: modules.accounts,
    procurement: modules.procurement,
    datastore: modules.datastore.tables,
    savedViews: modules.datastore.savedViews,
    dictionary: modules.datastore.dictionary,
    checks: modules.datastore.checks,
    registry: modules.registry.service,
    registryLimiter: modules.registry.limiter,
    reference: modules.reference,
    schemas: modules.schemas,
    quality: modules.quality,
    harvest: modules.harvest,
    community: modules.community,
    blobs: platform.blobs,
    uploads: platform.uploads,
    config,
    openApi: () => openApi(),
    cookies: createWebCookies({ secure: config.baseUrl.startsWith('https://') }),
    get assets() {
      return assets.urls;
    },
  };

  /** A page that says what went wrong, in the language of the page that failed. */
  function sendError(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: MessageKey,
    text: string,
  ) {
    const locale = localeOf(request);
    const t = translator(locale);
    const ctx = {
      locale,
      t,
      siteTitle: siteTitle(deps.config, locale),
      baseUrl: deps.config.baseUrl,
      address: { page: 'home' as const },
      actor: request.actor,
      get csrfToken() {
        return web.cookies.csrfToken(request, reply);
      },
      notice: null,
      scripts: [],
      assets: web.assets,
    };
    return sendPage(reply.code(status), <ErrorPage ctx={ctx} title={t(title)} text={text} />);
  }

  function pageError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
    const locale = localeOf(request);
    const t = translator(locale);
    if (error instanceof SignInRequired) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      return reply.redirect(`${href(locale, 'signIn')}${next}`, 303);
    }
    if (error instanceof CsrfError) return sendError(request, reply, 403, 'csrfTitle', t('csrfText'));
    if (error instanceof TooManyRequestsError)
      return sendError(request, reply, 429, 'tooManyTitle', error.detail[locale]);
    if (error instanceof AppError) {
      if (error.status === 404) return sendError(request, reply, 404, 'notFoundTitle', t('notFoundText'));
      if (error.status === 403) return sendError(request, reply, 403, 'forbiddenTitle', error.detail[locale]);
      return sendError(request, reply, error.status, 'errorTitle', error.detail[locale]);
    }
    if (typeof error.statusCode === 'number' && error.statusCode < 500) {
      return sendError(request, reply, error.statusCode, 'errorTitle', error.message);
    }
    request.log.error({ err: error }, 'page failed');
    return sendError(request, reply, 500, 'errorTitle', t('errorText', { id: request.id }));
  }

  const policy = contentSecurityPolicy(deps.config.mapTiles.url, "'none'");
  const embedPolicy = contentSecurityPolicy(deps.config.mapTiles.url, '*');

  /** Browsers get a page for an unknown address; programs get problem+json. */
  function wantsPage(request: FastifyRequest): boolean {
    if (/^\/(api|uploads|feeds)\//.test(request.url)) return false;
    return /^\/(fr|en)(\/|$)/.test(request.url) || (request.headers.accept ?? '').includes('text/html');
  }

  async function routes(app: FastifyInstance) {
    await app.register(uploadRoutes(web));
    await app.register(feedRoutes(web));
    await app.register(tenderFeedRoutes(web));
    await app.register(registryFeedRoutes(web));
    await app.register(requestFeedRoutes(web));
    await app.register(alertFeedRoutes(web));
    await app.register(redirectRoutes());
    await app.register(async (site) => {
      await site.register(compress, { threshold: 1024 });
      await site.register(async (files) => {
        // Files are the same for everyone: no session or token lookup for them.
        files.addHook('onRoute', (route) => {
          route.config = { ...route.config, anonymous: true };
        });
        await assets.register(files);
      });
      site.addHook('onSend', async (request, reply) => {
        if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
          const embed = /^\/(fr\/integrer|en\/embed)\//.test(request.url) && reply.statusCode === 200;
          reply.header('Content-Security-Policy', embed ? embedPolicy : policy);
          reply.header('X-Content-Type-Options', 'nosniff');
          // A page may ask for less (a one-time link's page sends no referrer at all).
          if (!reply.hasHeader('Referrer-Policy'))
            reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
          if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-cache');
        }
      });
      site.setErrorHandler(pageError);
      const pages = pageRoutes(site, web);
      browseRoutes(pages, web);
      datasetRoutes(pages, web);
      resourceRoutes(pages, web);
      dictionaryRoutes(pages, web);
      datasetFormRoutes(pages, web);
      publishingRoutes(pages, web);
      resourceFormRoutes(pages, web);
      memberRoutes(pages, web);
      accountRoutes(pages, web);
      selfServiceRoutes(pages, web);
      requestRoutes(pages, web);
      webhookPageRoutes(pages, web);
      followPageRoutes(pages, web);
      reusePageRoutes(pages, web);
      discussionPageRoutes(pages, web);
      consultationPageRoutes(pages, web);
      procurementPageRoutes(pages, web);
      registryPageRoutes(pages, web);
      referencePageRoutes(pages, web);
      schemaPageRoutes(pages, web);
      schemaGuessRoutes(pages, web);
      ecosystemPageRoutes(pages, web);
      joinRoutes(pages, web);
      joinRequestRoutes(pages, web);
      harvestRoutes(pages, web);
      qualityPageRoutes(pages, web);
    });
  }

  return {
    name: 'web',
    services: null,
    // At the root (fastify-plugin): the answer to an unknown address is the site's.
    routes: fp(async (app: FastifyInstance) => {
      assets = await loadAssets();
      openApi = () => app.swagger();
      app.setNotFoundHandler(async (request, reply) => {
        if (wantsPage(request)) {
          return sendError(
            request,
            reply,
            404,
            'notFoundTitle',
            translator(localeOf(request))('notFoundText'),
          );
        }
        throw new NotFoundError(
          'route',
          request.url,
          localized(`Aucune page à l'adresse ${request.url}`, `No route ${request.method} ${request.url}`),
        );
      });
      await routes(app);
    }),
  };
}
