import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NotFoundError } from '../../../platform/http/errors.js';
import { problemResponses } from '../../../platform/http/problem-schema.js';
import { localized } from '../../../platform/i18n/index.js';
import type { AlertEvent, AlertSettings, Follow } from '../alerts/alerts.types.js';
import { FOLLOW_KINDS, FREQUENCIES } from '../alerts/alerts.types.js';
import type { FollowsService } from '../alerts/follows.service.js';

const tags = ['Suivis et alertes / Follows and alerts'];

const FollowOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Union([
    Type.Literal('dataset'),
    Type.Literal('organization'),
    Type.Literal('theme'),
    Type.Literal('search'),
    Type.Literal('buyer'),
    Type.Literal('category'),
    Type.Literal('enterprise'),
  ]),
  target: Type.String({ description: 'An id, the search words, a buyer id, a category or a NEQ' }),
  label: Type.String(),
  created: Type.String({ format: 'date-time' }),
});
const FollowIn = Type.Object(
  {
    kind: Type.String({ maxLength: 20, description: FOLLOW_KINDS.join(', ') }),
    target: Type.String({
      maxLength: 300,
      description:
        "A dataset's, organisation's or theme's name or id, the search's words, a buyer's OCDS id, a category (goods, works, services), a NEQ",
    }),
  },
  { additionalProperties: false },
);
const SettingsOut = Type.Object({
  frequency: Type.Union([
    Type.Literal('immediate'),
    Type.Literal('daily'),
    Type.Literal('weekly'),
    Type.Literal('never'),
  ]),
  feed_url: Type.String({ description: 'The private Atom feed (a secret: whoever has it reads it)' }),
  last_digest: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const EventOut = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  title: Type.Object({ fr: Type.String(), en: Type.String() }),
  url: Type.String(),
  occurred: Type.String({ format: 'date-time' }),
});

const presentFollow = (follow: Follow) => ({ ...follow, created: follow.created.toISOString() });
const presentSettings = (settings: AlertSettings) => ({
  frequency: settings.frequency,
  feed_url: settings.feedUrl,
  last_digest: settings.lastDigest?.toISOString() ?? null,
});
const presentEvent = (event: AlertEvent) => ({ ...event, occurred: event.occurred.toISOString() });

/** /api/v1/follows and /api/v1/alerts: what one follows, how often one is told, one's feed. */
export function alertRoutes(deps: { follows: FollowsService }): FastifyPluginAsyncTypebox {
  const { follows } = deps;
  return async (app) => {
    app.get(
      '/follows',
      {
        schema: {
          tags,
          summary: 'What I follow',
          response: { 200: Type.Array(FollowOut), ...problemResponses },
        },
      },
      async (request) => (await follows.list(request.actor)).map(presentFollow),
    );

    app.post(
      '/follows',
      {
        schema: {
          tags,
          summary:
            'Follow a public dataset, an organisation, a theme, a saved search, a tender buyer or category, or an enterprise of the registry (following twice keeps one follow)',
          body: FollowIn,
          response: { 201: FollowOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        reply.code(201);
        return presentFollow(await follows.follow(request.actor, request.body));
      },
    );

    app.delete(
      '/follows/:id',
      {
        schema: {
          tags,
          summary: 'Stop following',
          params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await follows.unfollow(request.actor, request.params.id);
        reply.code(204);
        return null;
      },
    );

    app.get(
      '/alerts',
      {
        schema: {
          tags,
          summary: 'What changed in what I follow, newest first (the private feed, as JSON)',
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(EventOut), ...problemResponses },
        },
      },
      async (request) =>
        (await follows.notifications(request.actor, request.query.limit ?? 50)).map(presentEvent),
    );

    app.get(
      '/alerts/settings',
      {
        schema: {
          tags,
          summary: 'How often my digests come, and my private feed',
          response: { 200: SettingsOut, ...problemResponses },
        },
      },
      async (request) => presentSettings(await follows.settings(request.actor)),
    );

    app.put(
      '/alerts/settings',
      {
        schema: {
          tags,
          summary: 'Choose how often digests come: immediate, daily, weekly or never (the feed stays)',
          body: Type.Object(
            { frequency: Type.String({ maxLength: 20, description: FREQUENCIES.join(', ') }) },
            { additionalProperties: false },
          ),
          response: { 200: SettingsOut, ...problemResponses },
        },
      },
      async (request) => presentSettings(await follows.setFrequency(request.actor, request.body.frequency)),
    );

    app.post(
      '/alerts/feed',
      {
        schema: {
          tags,
          summary: 'A new private feed address (the old one stops working)',
          response: { 200: SettingsOut, ...problemResponses },
        },
      },
      async (request) => presentSettings(await follows.replaceFeed(request.actor)),
    );

    app.post(
      '/alerts/unsubscribe/:token',
      {
        schema: {
          tags,
          summary:
            "One-click unsubscribe (RFC 8058): a digest's List-Unsubscribe address; no more digests (follows and the feed stay)",
          params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        if (!(await follows.unsubscribe(request.params.token)))
          throw new NotFoundError('link', 'unsubscribe', localized('Lien inconnu', 'Unknown link'));
        reply.code(204);
        return null;
      },
    );
  };
}
