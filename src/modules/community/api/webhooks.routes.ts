import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import { WEBHOOK_EVENTS } from '../alerts/alerts.types.js';
import type { DeliveryRow, WebhookRow } from '../webhooks/webhooks.repo.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';

const tags = ['Webhooks'];
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const WebhookOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  events: Type.Array(Type.String()),
  owned_by_organization: Type.Boolean(),
  active: Type.Boolean(),
  disabled_reason: Nullable(Type.String()),
  consecutive_failures: Type.Integer(),
  created: Type.String({ format: 'date-time' }),
});
const CreatedOut = Type.Intersect([
  WebhookOut,
  Type.Object({
    secret: Type.String({
      description: 'The signing secret (Standard Webhooks, whsec_…): verify each delivery with it',
    }),
  }),
]);
const DeliveryOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  event_type: Type.String(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  status_code: Nullable(Type.Integer()),
  latency_ms: Nullable(Type.Integer()),
  response_excerpt: Nullable(Type.String()),
  error: Nullable(Type.String()),
  created: Type.String({ format: 'date-time' }),
  last_attempt: Nullable(Type.String({ format: 'date-time' })),
});
const WebhookIn = Type.Object(
  {
    url: Type.String({ maxLength: 2000 }),
    events: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
    organization: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    dataset: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    owner_organization: Type.Optional(
      Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
        description: 'An organisation you administer that owns it: its administrators manage it',
      }),
    ),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

const present = (row: WebhookRow) => ({
  id: row.id,
  url: row.url,
  events: row.events,
  owned_by_organization: row.owner_organization_id !== null,
  active: row.active,
  disabled_reason: row.disabled_reason,
  consecutive_failures: row.consecutive_failures,
  created: new Date(row.created).toISOString(),
});
const presentDelivery = (row: DeliveryRow) => ({
  id: row.id,
  event_type: row.event_type,
  state: row.state,
  attempts: row.attempts,
  status_code: row.status_code,
  latency_ms: row.latency_ms,
  response_excerpt: row.response_excerpt,
  error: row.error,
  created: new Date(row.created).toISOString(),
  last_attempt: row.last_attempt ? new Date(row.last_attempt).toISOString() : null,
});

/** /api/v1/webhooks: one's own webhooks, their deliveries, a test event. */
export function webhookRoutes(deps: { webhooks: WebhooksService }): FastifyPluginAsyncTypebox {
  const { webhooks } = deps;
  return async (app) => {
    app.get(
      '/webhooks',
      {
        schema: {
          tags,
          summary: 'My webhooks',
          response: { 200: Type.Array(WebhookOut), ...problemResponses },
        },
      },
      async (request) => (await webhooks.list(request.actor)).map(present),
    );

    app.post(
      '/webhooks',
      {
        schema: {
          tags,
          summary: `Register a webhook (address confirmed): events (${WEBHOOK_EVENTS.join(', ')}), optionally narrowed to an organisation or a dataset. Deliveries are signed with the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256); only public data is sent.`,
          body: WebhookIn,
          response: { 201: CreatedOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const created = await webhooks.create(request.actor, {
          url: request.body.url,
          events: request.body.events,
          organization: request.body.organization ?? null,
          dataset: request.body.dataset ?? null,
          ownerOrganization: request.body.owner_organization ?? null,
        });
        reply.code(201);
        return { ...present(created), secret: created.secret };
      },
    );

    app.delete(
      '/webhooks/:id',
      {
        schema: {
          tags,
          summary: 'Delete a webhook',
          params: IdParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await webhooks.remove(request.actor, request.params.id);
        reply.code(204);
        return null;
      },
    );

    app.get(
      '/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          summary: 'The last deliveries of a webhook: state, attempts, status, latency, response excerpt',
          params: IdParams,
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
          response: { 200: Type.Array(DeliveryOut), ...problemResponses },
        },
      },
      async (request) =>
        (await webhooks.deliveries(request.actor, request.params.id, request.query.limit ?? 50)).map(
          presentDelivery,
        ),
    );

    app.post(
      '/webhooks/:id/test',
      {
        schema: {
          tags,
          summary: 'Send a test event (webhook.test) now',
          params: IdParams,
          response: { 202: Type.Object({ delivery: Type.String() }), ...problemResponses },
        },
      },
      async (request, reply) => {
        reply.code(202);
        return { delivery: await webhooks.sendTest(request.actor, request.params.id) };
      },
    );

    app.post(
      '/webhooks/:id/enable',
      {
        schema: {
          tags,
          summary: 'Turn a webhook that was turned off after failures back on',
          params: IdParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await webhooks.enable(request.actor, request.params.id);
        reply.code(204);
        return null;
      },
    );
  };
}
