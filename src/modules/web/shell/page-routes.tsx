import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Config } from '../../../config.js';
import type { BlobStore } from '../../../platform/blobs/blob-store.js';
import type { ResumableUploads } from '../../../platform/blobs/resumable-uploads.js';
import { UnauthorizedError } from '../../../platform/http/errors.js';
import type { RateLimiter } from '../../../platform/http/rate-limit.js';
import { LOCALES, type Locale, localized } from '../../../platform/i18n/index.js';
import type { AccountsService, Actor } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import type { CommunityServices } from '../../community/index.js';
import type {
  DatastoreService,
  DatastoreServices,
  DictionaryService,
  SavedViewsService,
} from '../../datastore/index.js';
import type { HarvestServices } from '../../harvest/index.js';
import type { ProcurementService } from '../../procurement/index.js';
import type { QualityServices } from '../../quality/index.js';
import type { ReferenceServices } from '../../reference/index.js';
import type { RegistryService } from '../../registry/index.js';
import type { SchemasServices } from '../../schemas/index.js';
import { type Translate, translator } from '../i18n/messages.js';
import { href, PAGES, type Page, type PageAddress } from '../i18n/paths.js';
import type { AssetUrls, ClientScript } from './assets.js';
import type { PageContext } from './page-context.js';
import { CSRF_FIELD, type WebCookies } from './web-cookies.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The language of a page route, for its error pages. */
    locale?: Locale;
  }
}

export interface WebDeps {
  catalog: CatalogService;
  accounts: AccountsService;
  procurement: ProcurementService;
  datastore: DatastoreService;
  /** Charts and maps saved on resources. */
  savedViews: SavedViewsService;
  dictionary: DictionaryService;
  /** The last integrity checks of columns bound to reference sets. */
  checks: DatastoreServices['checks'];
  registry: RegistryService;
  /** The per-client budget of registry searches, shared with the API. */
  registryLimiter: RateLimiter;
  /** Reference sets: lookups, versions and change logs, notices, availability measured. */
  reference: ReferenceServices;
  /** Shared schemas, the validator and the resources' reports. */
  schemas: SchemasServices;
  /** Datasets' metadata quality scores, per organisation too. */
  quality: QualityServices;
  /** Partners' catalogues harvested into organisations. */
  harvest: HarvestServices;
  /** Accounts for the public (sign-up, reset, erasure) and what people bring. */
  community: CommunityServices;
  blobs: BlobStore;
  uploads: ResumableUploads;
  config: Config;
  cookies: WebCookies;
  assets: AssetUrls;
  openApi: () => unknown;
}

/** The portal's name in a language. */
export function siteTitle(config: Pick<Config, 'siteTitle' | 'siteTitleEn'>, locale: Locale): string {
  return locale === 'fr' ? config.siteTitle : config.siteTitleEn;
}

export type FormFields = Record<string, string | string[] | undefined>;

type PageRouteTypes = { Params: Record<string, string>; Querystring: FormFields };
type PageFastifyRequest = FastifyRequest<PageRouteTypes>;

/** A submitted field as text: its first value when repeated, '' when absent, spaces kept. */
export function fieldValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** The same without surrounding spaces: what a form's text fields hold. */
export const fieldText = (value: string | string[] | undefined): string => fieldValue(value).trim();

/**
 * An address as people type it: « www.example.ca » or « example.ca/donnees » means https://…;
 * anything else (a full address, or text that is no address) is left for validation to judge.
 */
export function fieldUrl(value: string | string[] | undefined): string {
  const text = fieldText(value);
  return /^(?![a-z][a-z0-9+.-]*:)[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(text)
    ? `https://${text}`
    : text;
}

/** One request to a page, in one language. */
export interface PageRequest {
  request: FastifyRequest;
  reply: FastifyReply;
  locale: Locale;
  t: Translate;
  actor: Actor;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  /** What the layout needs, for a page at this address. */
  context(address: PageAddress, options?: { scripts?: ClientScript[] }): PageContext;
  /** Redirects (303, so that a reload does not resend a form) to a page of the same language. */
  redirect(page: Page, params?: Record<string, string>, query?: string): FastifyReply;
}

type Handler = (page: PageRequest) => Promise<VNode | FastifyReply>;

/** Thrown by pages that need a signed-in user: the visitor is sent to the sign-in page. */
export class SignInRequired extends UnauthorizedError {
  constructor() {
    super(localized('Connectez-vous pour voir cette page.', 'Sign in to see this page.'));
  }
}

export function signedInUser(page: PageRequest): NonNullable<Actor['user']> {
  if (!page.actor.user) throw new SignInRequired();
  return page.actor.user;
}

/** Registers a page's GET and POST handlers in both languages. */
export function pageRoutes(app: FastifyInstance, deps: WebDeps) {
  function pageRequest(request: PageFastifyRequest, reply: FastifyReply, locale: Locale): PageRequest {
    const t = translator(locale);
    const notice = deps.cookies.takeNotice(request, reply);
    return {
      request,
      reply,
      locale,
      t,
      actor: request.actor,
      params: request.params,
      query: request.query,
      context: (address, options = {}) => ({
        locale,
        t,
        siteTitle: siteTitle(deps.config, locale),
        baseUrl: deps.config.baseUrl,
        address,
        actor: request.actor,
        // Read when a form renders: a page without one sets no cookie, so caches may keep it.
        get csrfToken() {
          return deps.cookies.csrfToken(request, reply);
        },
        notice: notice ? t(notice) : null,
        scripts: (options.scripts ?? []).map((name) => deps.assets.scripts[name]),
        assets: deps.assets,
      }),
      redirect: (page, params, query) => reply.redirect(href(locale, page, params, query), 303),
    };
  }

  function register(method: 'GET' | 'POST', page: Page, handler: Handler) {
    for (const locale of LOCALES) {
      // A page reads its path's names and its query string as text (forms are GET or POST).
      app.route<PageRouteTypes>({
        method,
        url: PAGES[page][locale],
        schema: { hide: true },
        config: { locale, sessionForms: method === 'POST' },
        handler: async (request, reply) => {
          const result = await handler(pageRequest(request, reply, locale));
          // A handler that answered itself (a redirect) returns the reply, which is a thenable:
          // awaited, it comes back undefined, so the reply's own state says it was sent.
          if (reply.sent || isReply(result, reply)) return reply;
          return sendPage(reply, result as VNode);
        },
      });
    }
  }

  return {
    get: (page: Page, handler: Handler) => register('GET', page, handler),
    post: (page: Page, handler: Handler) => register('POST', page, handler),
  };
}

export type PageRoutes = ReturnType<typeof pageRoutes>;

/** The fields of a submitted (URL-encoded) form, after checking its CSRF token. */
export function formFields(page: PageRequest, cookies: WebCookies): FormFields {
  const fields = (page.request.body ?? {}) as FormFields;
  cookies.checkCsrf(page.request, fields[CSRF_FIELD]);
  return fields;
}

export function sendPage(reply: FastifyReply, page: VNode): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(`<!doctype html>${renderToString(page)}`);
}

function isReply(value: unknown, reply: FastifyReply): value is FastifyReply {
  return value === reply;
}
