import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { CatalogService } from '../catalog.service.js';
import { EU_THEMES } from '../groups/group.service.js';
import { FORMATS } from '../vocabularies/formats.js';
import { FREQUENCIES } from '../vocabularies/frequencies.js';
import { LANGUAGES } from '../vocabularies/languages.js';
import { isOpenLicense, LICENSES } from '../vocabularies/licenses.js';
import { Bilingual, problemResponses } from './v1.schemas.js';

const tags = ['Vocabulaires / Vocabularies'];

const Coded = Type.Object({ code: Type.String(), label: Bilingual });
const LicenseOut = Type.Object({
  id: Type.String(),
  title: Bilingual,
  url: Type.Union([Type.String(), Type.Null()]),
  is_open: Type.Boolean(),
});

/** The controlled lists publishers choose from, and lookups for search boxes. */
export function vocabularyRoutes({ catalog }: { catalog: CatalogService }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/licenses',
      { schema: { tags, summary: 'Licences, CC BY 4.0 first', response: { 200: Type.Array(LicenseOut) } } },
      async () =>
        LICENSES.map((license) => ({
          id: license.id,
          title: license.title,
          url: license.url || null,
          is_open: isOpenLicense(license),
        })),
    );

    app.get(
      '/vocabularies',
      {
        schema: {
          tags,
          summary: 'Update frequencies, languages, file formats and EU data themes',
          response: {
            200: Type.Object({
              update_frequencies: Type.Array(Coded),
              languages: Type.Array(Coded),
              formats: Type.Array(Type.Object({ label: Type.String(), media_type: Type.String() })),
              eu_themes: Type.Array(Type.String()),
            }),
          },
        },
      },
      async () => ({
        update_frequencies: FREQUENCIES.map(({ code, label }) => ({ code, label })),
        languages: LANGUAGES.map(({ code, label }) => ({ code, label })),
        formats: FORMATS.map(({ label, mediaType }) => ({ label, media_type: mediaType })),
        eu_themes: EU_THEMES,
      }),
    );

    app.get(
      '/tags',
      {
        schema: {
          tags,
          summary: 'Keywords of public datasets, optionally containing a text (accents ignored)',
          querystring: Type.Object({
            q: Type.Optional(Type.String()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1000 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          }),
          response: { 200: Type.Array(Type.String()) },
        },
      },
      async (request) =>
        catalog.datasets.listPublicTags(
          request.query.q?.trim() || null,
          request.query.limit ?? 1000,
          request.query.offset ?? 0,
        ),
    );

    app.get(
      '/suggest',
      {
        schema: {
          tags,
          summary: 'Typo-tolerant title suggestions and a corrected query ("did you mean")',
          querystring: Type.Object({
            q: Type.String({ minLength: 1 }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 8 })),
          }),
          response: {
            200: Type.Object({
              corrected_query: Type.Union([Type.String(), Type.Null()]),
              datasets: Type.Array(
                Type.Object({ name: Type.String(), title: Bilingual, score: Type.Number() }),
              ),
            }),
            ...problemResponses,
          },
        },
      },
      async (request) => {
        const suggestions = await catalog.search.suggest(
          request.actor,
          request.query.q,
          request.query.limit ?? 8,
        );
        return { corrected_query: suggestions.correctedQuery, datasets: suggestions.datasets };
      },
    );
  };
}
