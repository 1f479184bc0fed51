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
    app.get('/dataset/:name', named, (request, reply) => to('dataset', request.params)(request, reply));
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
    app.get('/api/v1/docs', hidden, (request, reply) => to('api')(request, reply));
  };
}
