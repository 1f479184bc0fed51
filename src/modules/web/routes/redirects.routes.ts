import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Locale, negotiateLocale } from '../../../platform/i18n/index.js';
import { href, type Page } from '../i18n/paths.js';

const localeOf = (request: FastifyRequest): Locale =>
  negotiateLocale(request.headers['accept-language'], 'fr');

/**
 * Addresses without a language (the site's root, CKAN's page URLs that links and harvesters
 * already know) lead to the page in the reader's language: French unless the browser asks for
 * English.
 */
export function redirectRoutes() {
  return async (app: FastifyInstance) => {
    const to =
      (page: Page, params: (request: FastifyRequest) => Record<string, string> = () => ({})) =>
      async (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : undefined;
        reply.header('Vary', 'Accept-Language');
        return reply.redirect(href(localeOf(request), page, params(request), query), 302);
      };
    const name = (request: FastifyRequest) => ({ name: (request.params as { name: string }).name });

    app.get('/', { schema: { hide: true } }, to('home'));
    app.get('/dataset', { schema: { hide: true } }, to('search'));
    app.get('/dataset/:name', { schema: { hide: true } }, to('dataset', name));
    app.get(
      '/dataset/:name/resource/:id',
      { schema: { hide: true } },
      to('resource', (request) => request.params as Record<string, string>),
    );
    app.get('/organization', { schema: { hide: true } }, to('organizations'));
    app.get('/organization/:name', { schema: { hide: true } }, to('organization', name));
    app.get('/group', { schema: { hide: true } }, to('themes'));
    app.get('/group/:name', { schema: { hide: true } }, to('theme', name));
    app.get('/api/v1/docs', { schema: { hide: true } }, to('api'));
  };
}
