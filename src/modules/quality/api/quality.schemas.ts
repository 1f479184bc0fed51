import { type Static, type TSchema, Type } from 'typebox';
import { oneOf } from '../../../platform/http/one-of.js';
import { CRITERION_IDS } from '../quality.types.js';

export { problemResponses } from '../../../platform/http/problem-schema.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Localized = Type.Object({ fr: Type.String(), en: Type.String() });
const Title = Type.Object({ fr: Type.String(), en: Nullable(Type.String()) });
const DateTime = Type.String({ format: 'date-time' });
const Band = Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')], {
  description: 'high: 80 and above; medium: 50 to 79; low: below 50',
});

export const CriterionOut = Type.Object({
  id: oneOf(CRITERION_IDS),
  weight: Type.Integer({ description: 'Its share of the score when it applies (the weights add up to 100)' }),
  status: Type.Union([Type.Literal('passed'), Type.Literal('failed'), Type.Literal('not-applicable')]),
  title: Localized,
  why: Localized,
  fix: Localized,
  evidence: Localized,
});

export const LinkCheckOut = Type.Object({
  resource_id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  ok: Type.Boolean(),
  status: Nullable(Type.Integer({ description: 'The final HTTP status, after redirects' })),
  content_type: Nullable(Type.String()),
  size: Nullable(Type.Integer({ description: 'In bytes, as the server says' })),
  duration_ms: Type.Integer(),
  error: Nullable(
    Type.Object({
      code: Type.Union([
        Type.Literal('http'),
        Type.Literal('timeout'),
        Type.Literal('refused'),
        Type.Literal('network'),
      ]),
      detail: Type.String(),
      message: Localized,
    }),
  ),
  checked_at: DateTime,
  failing_since: Nullable(DateTime),
});

export const DatasetQualityOut = Type.Object({
  dataset_id: Type.String({ format: 'uuid' }),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  band: Band,
  computed_at: DateTime,
  criteria: Type.Array(CriterionOut),
  links: Type.Optional(
    Type.Array(LinkCheckOut, {
      description: 'The latest check of each link resource: for those who may edit the dataset',
    }),
  ),
});

export const OrganizationQualityQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
export type OrganizationQualityQuery = Static<typeof OrganizationQualityQuery>;

export const OrganizationQualityOut = Type.Object({
  organization: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), title: Title }),
  count: Type.Integer({ description: 'Datasets of the organisation the caller may see' }),
  scored: Type.Integer(),
  average: Nullable(Type.Number({ description: 'Mean score of the scored datasets' })),
  bands: Type.Object({ high: Type.Integer(), medium: Type.Integer(), low: Type.Integer() }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  datasets: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      name: Type.String(),
      title: Title,
      state: Type.Union([Type.Literal('active'), Type.Literal('draft'), Type.Literal('deleted')]),
      private: Type.Boolean(),
      score: Nullable(Type.Integer()),
      band: Nullable(Band),
      computed_at: Nullable(DateTime),
      failed: Type.Array(CriterionOut, { description: 'Its failed criteria, heaviest first' }),
    }),
    { description: 'Worst score first; datasets not scored yet last' },
  ),
});

export const RefParams = Type.Object({ ref: Type.String({ maxLength: 200, description: 'Id or name' }) });
