import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { GuessService } from '../guess/guess.service.js';
import { problemResponses } from './schemas.schemas.js';

const Localized = Type.Object({ fr: Type.String(), en: Type.String() });
export const GuessOut = Type.Object({
  resourceId: Type.String(),
  dataset: Type.String(),
  rows: Type.Integer(),
  descriptor: Type.Object(
    { fields: Type.Array(Type.Object({ name: Type.String() }, { additionalProperties: true })) },
    { additionalProperties: true, description: 'A proposed Table Schema (v1), to edit and publish' },
  ),
  notes: Type.Record(Type.String(), Type.Array(Localized), {
    description: 'Why each field got its type and constraints, by field name',
  }),
});

/** GET /api/v1/resources/:id/schema-guess: a Table Schema proposed from a resource's file. */
export function guessApi(deps: { guess: GuessService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/resources/:id/schema-guess',
      {
        schema: {
          tags: ['Schemas'],
          summary:
            'Propose a Table Schema from a resource’s CSV file (values as written): types, required, unique, a primary key, enumerations for columns with few values, patterns for codes; each choice explained. Same visibility as the resource.',
          params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
          response: { 200: GuessOut, ...problemResponses },
        },
      },
      async (request) => {
        const guess = await deps.guess.guessResource(request.actor, request.params.id);
        return {
          resourceId: request.params.id,
          dataset: guess.datasetName,
          rows: guess.rows,
          descriptor: guess.descriptor as never,
          notes: guess.notes,
        };
      },
    );
  };
}
