import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Readiness } from './health.js';
import type { Metrics } from './metrics.js';

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * What load balancers and Prometheus read: `/healthz` (the process answers), `/readyz` (it can
 * serve: 503 with the failed checks otherwise), `/metrics` (only with `METRICS_TOKEN`, sent as
 * a bearer token: off by default, as it tells how the portal is used). Every answered request
 * is counted by its route's pattern.
 */
export function registerOps(
  app: FastifyInstance,
  deps: { metrics: Metrics; ready: () => Promise<Readiness>; metricsToken: string | null },
): void {
  app.addHook('onResponse', async (request, reply) => {
    deps.metrics.request(
      request.routeOptions.url ?? 'unmatched',
      request.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    reply.headers(noStore);
    return { status: 'ok' };
  });
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const readiness = await deps.ready();
    reply.headers(noStore).code(readiness.ready ? 200 : 503);
    return readiness;
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const token = deps.metricsToken;
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!token || !same(given, token)) {
      // As if there were none: nothing tells a visitor the address exists.
      reply.code(404).type('text/plain');
      return 'Not Found';
    }
    reply.headers(noStore).type(deps.metrics.contentType);
    return deps.metrics.text();
  });
}
