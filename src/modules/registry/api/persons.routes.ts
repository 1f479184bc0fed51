import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { TooManyRequestsError } from '../../../platform/http/errors.js';
import type { RateLimiter } from '../../../platform/http/rate-limit.js';
import { localized } from '../../../platform/i18n/index.js';
import { entityStatement, personStatement, relationshipStatement } from '../bods/statements.js';
import type { PersonsService } from '../persons.service.js';
import type { RegistryService } from '../registry.service.js';
import { BodsStatement, ImportReportOut, PersonsOut, problemResponses } from './registry.schemas.js';

const tags = ['Registry'];

/**
 * People and BODS: an enterprise's BODS 0.4 statements; the search of people by exact full name
 * (its own, stricter budget; every search logged); loading BODS person statements (administrators).
 */
export function personsRoutes(deps: {
  registry: RegistryService;
  persons: PersonsService;
  limiter: RateLimiter;
  publisher: { name: string; url: string };
}): FastifyPluginAsyncTypebox {
  const { registry, persons, limiter } = deps;
  return async (app) => {
    app.get(
      '/registry/enterprises/:neq/bods',
      {
        schema: {
          tags,
          summary:
            'An enterprise as BODS 0.4 statements: its entity statement, the people linked to it (name and professional address only) and their relationships',
          params: Type.Object({ neq: Type.String({ maxLength: 20 }) }),
          response: { 200: Type.Array(BodsStatement), ...problemResponses },
        },
      },
      async (request) => {
        const enterprise = await registry.enterprise(request.params.neq);
        const edition = await registry.currentEdition();
        const publication = {
          publisherName: deps.publisher.name,
          publisherUrl: deps.publisher.url,
          editionDate: edition?.publishedOn ?? new Date().toISOString().slice(0, 10),
        };
        const entity = entityStatement(enterprise, publication);
        return [
          entity,
          ...enterprise.people.map((person) => personStatement(person, entity.recordId, publication)),
          ...enterprise.people.map((person) =>
            relationshipStatement(person.recordId, enterprise.neq, person.interests, publication),
          ),
        ];
      },
    );

    app.get(
      '/registry/persons',
      {
        schema: {
          tags,
          summary:
            'People by their exact full name (given and family name, as spelt; case aside): at most 20, with their roles; never a date of birth or a home address. Searches are limited per client and logged.',
          querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: { 200: PersonsOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const client = request.actor?.user?.id ?? request.ip;
        const wait = await limiter.take(client);
        if (wait > 0) {
          throw new TooManyRequestsError(
            localized(
              'Trop de recherches de personnes : réessayez plus tard.',
              'Too many searches for people: try again later.',
            ),
            wait,
          );
        }
        reply.header('Cache-Control', 'private, no-store');
        return persons.search({
          name: request.query.name,
          client: request.ip,
          userId: request.actor?.user?.id ?? null,
        });
      },
    );

    app.post(
      '/registry/persons',
      {
        schema: {
          tags,
          summary:
            'Load BODS 0.4 statements: people, and their relationships with enterprises named by NEQ (administrators)',
          body: Type.Array(
            Type.Object({}, { additionalProperties: true, description: 'A BODS 0.4 statement' }),
            {
              maxItems: 100_000,
            },
          ),
          response: { 200: ImportReportOut, ...problemResponses },
        },
      },
      async (request) => persons.importBods(request.actor, request.body),
    );
  };
}
