import { type TSchema, Type } from 'typebox';

export { problemResponses } from '../../../platform/http/problem-schema.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const LocalizedOut = Type.Object({ fr: Type.String(), en: Type.String() });
const LocalizedIn = Type.Object({
  fr: Type.String({ minLength: 1, maxLength: 4000 }),
  en: Type.String({ minLength: 1, maxLength: 4000 }),
});

const VersionSummary = Type.Object({
  version: Type.String(),
  changelog: LocalizedOut,
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Type.String(),
  url: Type.String({ description: 'The descriptor at its permanent URL' }),
});

export const SchemaOut = Type.Object({
  name: Type.String(),
  title: LocalizedOut,
  description: LocalizedOut,
  contact: Type.String(),
  ecosystems: Type.Array(Type.String()),
  latest: Nullable(Type.String()),
  versions: Type.Array(VersionSummary),
});

export const PublishBody = Type.Object({
  name: Type.String({ maxLength: 61 }),
  version: Type.String({ maxLength: 40 }),
  title: LocalizedIn,
  description: LocalizedIn,
  contact: Type.String({ minLength: 3, maxLength: 200 }),
  ecosystems: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 }),
  changelog: LocalizedIn,
  descriptor: Type.Object(
    {},
    { additionalProperties: true, description: 'A Table Schema (v1, or v2 with its $schema)' },
  ),
  example: Type.String({ maxLength: 1024 * 1024, description: 'A CSV file that validates' }),
});

const Sample = Type.Object({ row: Type.Integer(), value: Nullable(Type.String()) });

export const ReportOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  resourceId: Nullable(Type.String({ format: 'uuid' })),
  schema: Type.Object({ name: Type.String(), version: Type.String(), url: Type.String() }),
  source: Type.Object({
    kind: Type.Union([
      Type.Literal('upload'),
      Type.Literal('url'),
      Type.Literal('resource'),
      Type.Literal('refused'),
    ]),
    name: Type.String(),
    url: Type.Optional(Type.String()),
    sha256: Type.Optional(Type.String()),
  }),
  valid: Type.Boolean(),
  rows: Type.Integer(),
  errorCount: Type.Integer(),
  byType: Type.Record(Type.String(), Type.Integer()),
  byField: Type.Record(Type.String(), Type.Integer()),
  errors: Type.Array(
    Type.Object({
      type: Type.String({
        description:
          'type-error, required-error, constraint-error, unique-error, primary-key, foreign-key, custom-error, missing-label, extra-label, source-error',
      }),
      field: Nullable(Type.String()),
      count: Type.Integer(),
      message: LocalizedOut,
      samples: Type.Array(Sample, { description: 'The first rows (1 = the first row after the header)' }),
    }),
  ),
  created: Type.String({ format: 'date-time' }),
  expires: Nullable(
    Type.String({ format: 'date-time', description: 'The public validator keeps a report a day' }),
  ),
});

export const RefusedOut = Type.Object({
  refusedAt: Type.String({ format: 'date-time' }),
  resourceId: Type.String(),
  filename: Type.String(),
  sha256: Type.String(),
  keptSha256: Nullable(Type.String({ description: 'The earlier valid file kept; null when there was none' })),
  report: Nullable(ReportOut),
});
