import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { ANONYMOUS } from '../accounts/index.js';
import { type CatalogService, searchRequest } from '../catalog/index.js';
import { ApiDocsPage, type OpenApiDocument } from './pages/api-docs.js';
import { HomePage } from './pages/home.js';
import { renderPage } from './render.js';

export interface WebDeps {
  catalog: CatalogService;
  config: Config;
  openApi: () => unknown;
}

const STYLESHEET = new URL('./assets/site.css', import.meta.url);

export function webRoutes(deps: WebDeps) {
  const { config } = deps;
  return async (app: FastifyInstance) => {
    const css = await readFile(STYLESHEET, 'utf8');
    app.get('/assets/site.css', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(css),
    );

    app.get('/', { schema: { hide: true } }, async (_request, reply) => {
      const catalog = await deps.catalog.search.search(
        ANONYMOUS,
        searchRequest({
          sort: 'metadata_modified desc',
          facetFields: ['organization', 'groups', 'res_format'],
          facetLimit: 20,
        }),
      );
      const page = (
        <HomePage
          siteTitle={config.siteTitle}
          siteDescription={config.siteDescription}
          baseUrl={config.baseUrl}
          catalog={catalog}
        />
      );
      return reply.type('text/html; charset=utf-8').send(renderPage(page));
    });

    app.get('/api/v1/docs', { schema: { hide: true } }, async (_request, reply) => {
      const page = <ApiDocsPage siteTitle={config.siteTitle} document={deps.openApi() as OpenApiDocument} />;
      return reply.type('text/html; charset=utf-8').send(renderPage(page));
    });
  };
}
