import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type Locale, negotiateLocale } from '../../../platform/i18n/index.js';
import { href, type Page } from '../i18n/paths.js';

const localeOf = (request: FastifyRequest): Locale =>
  negotiateLocale(request.headers['accept-language'], 'fr');

/**
 * Addresses without a language (the site's root, CKAN's page URLs that links and harvesters
 * already know) lead to the page in the reader's language: French unless the browser asks for
 * English.
 */
const Name = Type.String({ maxLength: 200 });
const NameParams = Type.Object({ name: Name });
const ResourceParams = Type.Object({ name: Name, id: Name });

export function redirectRoutes(): FastifyPluginAsyncTypebox {
  return async (app) => {
    const to =
      (page: Page, params: Record<string, string> = {}) =>
      (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : undefined;
        reply.header('Vary', 'Accept-Language');
        return reply.redirect(href(localeOf(request), page, params, query), 302);
      };
    const hidden = { schema: { hide: true } };
    const named = { schema: { hide: true, params: NameParams } };

    app.get('/', hidden, (request, reply) => to('home')(request, reply));
    app.get('/dataset', hidden, (request, reply) => to('search')(request, reply));
    // Linked-data clients asking for RDF are sent to the dataset's DCAT document (303, as the
    // convention for a thing's description goes); browsers get the page.
    app.get('/dataset/:name', named, (request, reply) => {
      reply.header('Vary', 'Accept, Accept-Language');
      const extension = rdfExtensionFor(request.headers.accept);
      if (extension)
        return reply.redirect(`/dataset/${encodeURIComponent(request.params.name)}.${extension}`, 303);
      return to('dataset', request.params)(request, reply);
    });
    app.get(
      '/dataset/:name/resource/:id',
      { schema: { hide: true, params: ResourceParams } },
      (request, reply) => to('resource', request.params)(request, reply),
    );
    app.get('/organization', hidden, (request, reply) => to('organizations')(request, reply));
    app.get('/organization/:name', named, (request, reply) =>
      to('organization', request.params)(request, reply),
    );
    app.get('/group', hidden, (request, reply) => to('themes')(request, reply));
    app.get('/group/:name', named, (request, reply) => to('theme', request.params)(request, reply));
    app.get('/user/:name', named, (request, reply) => to('profile', request.params)(request, reply));
    app.get('/api/v1/docs', hidden, (request, reply) => to('api')(request, reply));

    // Données Québec's CKAN lives under /recherche/ (its API at /recherche/api/3/action/…): the
    // same address without the prefix, method and body kept (308), so scripts keep working.
    app.route({
      method: ['GET', 'HEAD', 'POST'],
      url: '/recherche/*',
      schema: { hide: true },
      handler: (request, reply) => reply.redirect(request.url.slice('/recherche'.length) || '/', 308),
    });

    // CKAN's addresses with the language in the path (/fr/dataset/…, /en/organization/…).
    for (const locale of ['fr', 'en'] as const) {
      const localized =
        (page: Page, params: Record<string, string> = {}) =>
        (request: FastifyRequest, reply: FastifyReply) => {
          const query = request.url.includes('?')
            ? request.url.slice(request.url.indexOf('?') + 1)
            : undefined;
          return reply.redirect(href(locale, page, params, query), 301);
        };
      app.get(`/${locale}/dataset`, hidden, (request, reply) => localized('search')(request, reply));
      app.get(`/${locale}/dataset/:name`, named, (request, reply) =>
        localized('dataset', request.params)(request, reply),
      );
      app.get(
        `/${locale}/dataset/:name/resource/:id`,
        { schema: { hide: true, params: ResourceParams } },
        (request, reply) => localized('resource', request.params)(request, reply),
      );
      app.get(`/${locale}/organization`, hidden, (request, reply) =>
        localized('organizations')(request, reply),
      );
      app.get(`/${locale}/organization/:name`, named, (request, reply) =>
        localized('organization', request.params)(request, reply),
      );
      app.get(`/${locale}/user/:name`, named, (request, reply) =>
        localized('profile', request.params)(request, reply),
      );
      app.get(`/${locale}/group`, hidden, (request, reply) => localized('themes')(request, reply));
      app.get(`/${locale}/group/:name`, named, (request, reply) =>
        localized('theme', request.params)(request, reply),
      );
    }
  };
}

const RDF_EXTENSIONS: Record<string, string> = {
  'application/rdf+xml': 'rdf',
  'text/turtle': 'ttl',
  'application/ld+json': 'jsonld',
  'text/n3': 'n3',
};

/**
 * The DCAT document an Accept header prefers over the HTML page ("application/rdf+xml",
 * "text/turtle;q=0.9, text/html;q=0.5"…); null when HTML is as welcome, or nothing RDF is asked.
 */
export function rdfExtensionFor(accept: string | undefined): string | null {
  if (!accept) return null;
  let best: { extension: string; q: number } | null = null;
  let html = 0;
  for (const part of accept.split(',').slice(0, 20)) {
    const [type = '', ...parameters] = part.split(';').map((item) => item.trim().toLowerCase());
    const qParameter = parameters.find((parameter) => parameter.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (!(q > 0)) continue;
    if (type === 'text/html' || type === 'application/xhtml+xml' || type === '*/*' || type === 'text/*')
      html = Math.max(html, type === 'text/html' || type === 'application/xhtml+xml' ? q : q - 0.001);
    const extension = RDF_EXTENSIONS[type];
    if (extension && (!best || q > best.q)) best = { extension, q };
  }
  return best && best.q > html ? best.extension : null;
}
