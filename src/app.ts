import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Context } from './context.js';
import { accountRoutes, refuseRejectedToken, registerActorHook } from './modules/accounts/index.js';
import { catalogApiRoutes, catalogPublicRoutes } from './modules/catalog/index.js';
import { ckanRoutes } from './modules/ckan/index.js';
import { dataRoutes, datastoreRoutes, viewsRoutes } from './modules/datastore/index.js';
import { procurementRoutes } from './modules/procurement/index.js';
import { personsRoutes, registryRoutes } from './modules/registry/index.js';
import { createWeb } from './modules/web/index.js';
import { openApiDocument } from './openapi.js';
import { NotFoundError } from './platform/http/errors.js';
import { problemErrorHandler } from './platform/http/problem.js';
import { createRateLimiter } from './platform/http/rate-limit.js';
import { localized } from './platform/i18n/index.js';
import { refuseNul } from './platform/validation.js';

/** Builds the HTTP application: platform plugins first, then each module's routes. */
export async function buildApp(ctx: Context): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: ctx.log,
    trustProxy: config.trustProxy,
    genReqId: (request) =>
      (request.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID(),
    bodyLimit: 20 * 1024 * 1024,
    // Unknown fields are errors, not silently dropped: a typo must not pass unnoticed.
    // Every field's error at once (a form is corrected in one round), not only the first one.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Served over https: browsers are told to come back over https only (a year, as usual).
  const https = config.baseUrl.startsWith('https:');
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    if (https) reply.header('Strict-Transport-Security', 'max-age=31536000');
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, {
    limits: { fileSize: config.maxUploadBytes, files: 1, fields: 200, fieldSize: 10 * 1024 * 1024 },
  });
  // Open data is for everyone: any site may call the APIs from a browser (tokens travel in headers).
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'X-CKAN-API-Key', 'Content-Type', 'Accept-Language', 'Range'],
    exposedHeaders: ['Location', 'ETag', 'Content-Range', 'X-Request-Id'],
  });
  await app.register(swagger, openApiDocument(config));
  registerActorHook(app, ctx.accounts);
  // No text anywhere may hold a NUL character (PostgreSQL refuses it): refused first, by field.
  app.addHook('preValidation', async (request) => {
    refuseNul(request.query);
    if (typeof request.body === 'object') refuseNul(request.body);
  });
  app.setErrorHandler(problemErrorHandler);
  const registryLimiter = createRateLimiter({ limit: config.registryRateLimit, windowMs: 60_000 });
  const web = await createWeb({
    catalog: ctx.catalog,
    accounts: ctx.accounts,
    procurement: ctx.procurement,
    datastore: ctx.datastore.tables,
    dataViews: ctx.datastore.views,
    dictionary: ctx.datastore.dictionary,
    registry: ctx.registry.service,
    registryLimiter,
    blobs: ctx.blobs,
    uploads: ctx.uploads,
    config,
    openApi: () => app.swagger(),
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (web.wantsPage(request)) return web.notFoundPage(request, reply);
    throw new NotFoundError(
      'route',
      request.url,
      localized(`Aucune page à l'adresse ${request.url}`, `No route ${request.method} ${request.url}`),
    );
  });

  const deps = {
    catalog: ctx.catalog,
    accounts: ctx.accounts,
    blobs: ctx.blobs,
    baseUrl: config.baseUrl,
    maxUploadBytes: config.maxUploadBytes,
    site: { baseUrl: config.baseUrl, title: config.siteTitle, description: config.siteDescription },
  };
  await app.register(
    async (api) => {
      api.addHook('preHandler', refuseRejectedToken);
      await api.register(accountRoutes(deps));
      await api.register(catalogApiRoutes(deps));
      await api.register(procurementRoutes({ procurement: ctx.procurement }));
      await api.register(
        datastoreRoutes({ datastore: ctx.datastore.tables, dictionary: ctx.datastore.dictionary }),
      );
      await api.register(viewsRoutes({ views: ctx.datastore.views }));
      await api.register(
        registryRoutes({
          registry: ctx.registry.service,
          exports: ctx.registry.exports,
          limiter: registryLimiter,
        }),
      );
      await api.register(
        personsRoutes({
          registry: ctx.registry.service,
          persons: ctx.registry.persons,
          limiter: createRateLimiter({ limit: config.personSearchRateLimit, windowMs: 3_600_000 }),
          publisher: { name: config.siteTitle, url: config.baseUrl },
        }),
      );
      await api.register(dataRoutes({ datastore: ctx.datastore.tables }));
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api/v1' },
  );
  await app.register(catalogPublicRoutes(deps));
  await app.register(ckanRoutes({ ...deps, config, datastore: ctx.datastore.tables }));
  await app.register(web.routes);
  return app;
}
