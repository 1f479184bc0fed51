import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ForbiddenError } from '../../platform/http/errors.js';
import { problemResponses } from '../../platform/http/problem-schema.js';
import { localized } from '../../platform/i18n/index.js';
import { isSysadmin } from '../accounts/index.js';
import type { MailService } from './mail.service.js';

const tags = ['Courriels / Mail'];

export const MailOut = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  kind: Type.String(),
  unsubscribe_url: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([
    Type.Literal('queued'),
    Type.Literal('sent'),
    Type.Literal('kept'),
    Type.Literal('failed'),
  ]),
  attempts: Type.Integer(),
  last_error: Type.Union([Type.String(), Type.Null()]),
  created: Type.String({ format: 'date-time' }),
  sent_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const OutboxQuery = Type.Object(
  {
    to: Type.Optional(Type.String({ maxLength: 320 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

/** GET /api/v1/mail/outbox: what the portal sent or kept, for its administrators. */
export function mailRoutes(deps: { mail: MailService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/mail/outbox',
      {
        schema: {
          tags,
          summary:
            'The messages the portal sent, is sending or kept (without an SMTP server, mail stays here), newest first. Portal administrators only.',
          querystring: OutboxQuery,
          response: {
            200: Type.Object({ delivers: Type.Boolean(), messages: Type.Array(MailOut) }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        if (!isSysadmin(request.actor))
          throw new ForbiddenError(
            localized(
              'Seul un administrateur du portail lit les courriels envoyés.',
              'Only portal administrators read the messages sent.',
            ),
          );
        const messages = await deps.mail.outbox({
          to: request.query.to ?? null,
          limit: request.query.limit ?? 50,
          offset: request.query.offset ?? 0,
        });
        return {
          delivers: deps.mail.delivers,
          messages: messages.map((message) => ({
            id: message.id,
            to: message.to,
            subject: message.subject,
            text: message.text,
            kind: message.kind,
            unsubscribe_url: message.unsubscribeUrl ?? null,
            state: message.state,
            attempts: message.attempts,
            last_error: message.lastError,
            created: message.created.toISOString(),
            sent_at: message.sentAt?.toISOString() ?? null,
          })),
        };
      },
    );
  };
}
