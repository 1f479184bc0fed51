import { Type } from 'typebox';

export { problemResponses } from '../../../platform/http/problem-schema.js';

const DateText = (description: string) =>
  Type.String({ description: `${description} (YYYY-MM-DD, Québec time, or RFC 3339)`, maxLength: 40 });

export const PageQuery = Type.Object(
  {
    after: Type.Optional(
      Type.String({ description: 'Cursor from the previous page’s links.next', maxLength: 500 }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    from: Type.Optional(DateText('Releases dated on or after')),
    to: Type.Optional(DateText('Releases dated before')),
  },
  { additionalProperties: false },
);

export const ReleasesQuery = Type.Object(
  {
    ...PageQuery.properties,
    ocid: Type.Optional(
      Type.String({ description: 'Only the releases of this contracting process', maxLength: 300 }),
    ),
  },
  { additionalProperties: false },
);

export const TenderQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ description: 'Words (French analysis: accents, plurals)', maxLength: 500 }),
    ),
    open: Type.Optional(
      Type.Boolean({ description: 'Only tenders open now: active and deadline not passed' }),
    ),
    buyer: Type.Optional(
      Type.String({ description: 'Buyer party id (see /procurement/buyers)', maxLength: 300 }),
    ),
    category: Type.Optional(
      Type.Union([Type.Literal('goods'), Type.Literal('works'), Type.Literal('services')]),
    ),
    method: Type.Optional(
      Type.Union([
        Type.Literal('open'),
        Type.Literal('selective'),
        Type.Literal('limited'),
        Type.Literal('direct'),
      ]),
    ),
    status: Type.Optional(Type.String({ description: 'tenderStatus code', maxLength: 40 })),
    min_value: Type.Optional(Type.Number({ minimum: 0, description: 'CAD' })),
    max_value: Type.Optional(Type.Number({ minimum: 0, description: 'CAD' })),
    published_from: Type.Optional(DateText('Tender period starting on or after')),
    published_to: Type.Optional(DateText('Tender period starting before')),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const TenderOut = Type.Object({
  ocid: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  title_en: Type.Union([Type.String(), Type.Null()]),
  buyer: Type.Union([
    Type.Object({ id: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  status: Type.Union([Type.String(), Type.Null()]),
  procurement_method: Type.Union([Type.String(), Type.Null()]),
  main_category: Type.Union([Type.String(), Type.Null()]),
  value_cad: Type.Union([Type.Number(), Type.Null()]),
  tender_period: Type.Object({
    start: Type.Union([Type.String(), Type.Null()]),
    end: Type.Union([Type.String(), Type.Null()]),
  }),
  record_url: Type.String(),
});

export const TenderPage = Type.Object({ count: Type.Integer(), results: Type.Array(TenderOut) });

export const Issue = Type.Object({ pointer: Type.String(), message: Type.String() });

export const ImportReportOut = Type.Object({
  received: Type.Integer(),
  added: Type.Integer(),
  unchanged: Type.Integer(),
  recompiled: Type.Integer(),
  errors: Type.Array(Issue, { description: 'The first 200 errors' }),
  warnings: Type.Array(Issue, { description: 'The first 200 warnings' }),
  error_count: Type.Integer({ description: 'Errors found in all, among the releases validated' }),
  warning_count: Type.Integer({ description: 'Warnings found in all, among the releases validated' }),
  validated: Type.Integer({ description: 'New releases validated (the first 5,000 of a large import)' }),
});

export const ValidationReportOut = Type.Object({
  valid: Type.Boolean(),
  errors: Type.Array(Issue),
  warnings: Type.Array(Issue),
});
