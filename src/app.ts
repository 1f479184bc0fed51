import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Context } from './context.js';
import { openApiDocument } from './openapi.js';
import { problemErrorHandler } from './platform/http/problem.js';
import { withRequestId } from './platform/log.js';
import { registerOps } from './platform/ops/ops.routes.js';
import { refuseNul } from './platform/validation.js';

/** Builds the HTTP application: platform plugins first, then each module's routes, in the modules' order. */
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

  // Everything a request does, down to the jobs it queues, logs with its id.
  app.addHook('onRequest', (request, _reply, done) => withRequestId(request.id, done));
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
  // No text anywhere may hold a NUL character (PostgreSQL refuses it): refused first, by field.
  app.addHook('preValidation', async (request) => {
    refuseNul(request.query);
    if (typeof request.body === 'object') refuseNul(request.body);
  });
  app.setErrorHandler(problemErrorHandler);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerOps(app, { metrics: ctx.metrics, ready: () => ctx.ready(), metricsToken: config.metricsToken });
  for (const module of ctx.modules) if (module.routes) await app.register(module.routes);
  return app;
}
