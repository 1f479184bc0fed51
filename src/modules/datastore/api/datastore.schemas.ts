import { type Static, type TSchema, Type } from 'typebox';
import { oneOf } from '../../../platform/http/one-of.js';
import { COLUMN_TYPES } from '../dictionary.service.js';

export { problemResponses } from '../../../platform/http/problem-schema.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const ResourceId = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const ResourceView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  view: Type.String({ format: 'uuid' }),
});

/** A text in French and English, either of them absent. */
const LocalizedOut = Type.Object({ fr: Nullable(Type.String()), en: Nullable(Type.String()) });
const LocalizedIn = Type.Object({
  fr: Type.Optional(Type.String({ maxLength: 2000 })),
  en: Type.Optional(Type.String({ maxLength: 2000 })),
});

const ColumnTypeOut = oneOf(COLUMN_TYPES);

const ReferenceBinding = Type.Object({
  set: Type.String({ maxLength: 40, description: 'A reference set (GET /api/v1/reference)' }),
  as_of_column: Type.Optional(
    Nullable(Type.String({ maxLength: 1000, description: 'A date column: each row is checked at its date' })),
  ),
  name_column: Type.Optional(
    Nullable(Type.String({ maxLength: 1000, description: 'A name column, compared with the official name' })),
  ),
});

export const ColumnOut = Type.Object({
  id: Type.String(),
  type: ColumnTypeOut,
  type_override: Nullable(ColumnTypeOut),
  label: Nullable(LocalizedOut),
  description: Nullable(LocalizedOut),
  reference: Nullable(ReferenceBinding),
});

const Sample = Type.Object({
  row: Type.Integer({ description: 'The data row (1 = the first row after the header)' }),
  value: Type.String(),
  date: Nullable(Type.String()),
  name: Nullable(Type.String()),
  official: Nullable(Type.String({ description: 'The official name of the code (at the row’s date)' })),
  successors: Type.Array(Type.String(), {
    description: 'For a retired code: the codes that replace it today',
  }),
});

export const IntegrityOut = Type.Array(
  Type.Object({
    column: Type.String(),
    set: Type.String(),
    version: Type.String(),
    checked: DateTime,
    rows: Type.Integer(),
    coded: Type.Integer({ description: 'Rows with a value in the column' }),
    findings: Type.Array(
      Type.Object({
        kind: Type.Union([
          Type.Literal('unknown'),
          Type.Literal('retired'),
          Type.Literal('not_yet_valid'),
          Type.Literal('name_mismatch'),
        ]),
        severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
        message: LocalizedOut,
        count: Type.Integer(),
        samples: Type.Array(Sample),
      }),
    ),
  }),
);

export const LoadOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  state: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
  ]),
  format: Type.String(),
  types: Nullable(Type.Record(Type.String(), ColumnTypeOut)),
  encoding: Nullable(Type.String()),
  rows: Type.Number({ description: 'Rows read so far (all of them once done)' }),
  bytes: Nullable(Type.Number()),
  percent: Type.Number(),
  error: Nullable(
    Type.Object({
      message: Type.Object({ fr: Type.String(), en: Type.String() }),
      row: Type.Optional(Type.Integer({ description: 'The line of the file' })),
      column: Type.Optional(Type.String()),
    }),
  ),
  created: DateTime,
  started: Nullable(DateTime),
  finished: Nullable(DateTime),
});

export const StatusOut = Type.Object({
  load: Nullable(LoadOut),
  table: Nullable(
    Type.Object({
      row_count: Type.Number(),
      bbox: Nullable(
        Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[west, south, east, north]' }),
      ),
      loaded: DateTime,
      columns: Type.Array(ColumnOut),
    }),
  ),
});
export type StatusOut = Static<typeof StatusOut>;

export const DictionaryBody = Type.Object({
  columns: Type.Array(
    Type.Object({
      id: Type.String({ maxLength: 1000 }),
      label: Type.Optional(LocalizedIn),
      description: Type.Optional(LocalizedIn),
      type: Type.Optional(Type.Union([Type.Literal('auto'), ColumnTypeOut])),
      reference: Type.Optional(Nullable(ReferenceBinding)),
    }),
    { maxItems: 2000 },
  ),
});

export const DictionaryOut = Type.Object({
  columns: Type.Array(ColumnOut),
  reload: Nullable(Type.String({ description: 'The load that applies the new types, if any' })),
});

// Saved views. The body is checked by the service (column names, kinds of column), which says
// what is wrong field by field; the schema gives the shape.
const Measure = Type.Object({
  fn: Type.Union([Type.Literal('count'), Type.Literal('sum'), Type.Literal('avg')]),
  column: Type.Optional(Nullable(Type.String())),
});
const ColumnName = Type.String({ maxLength: 1000 });
const SpecIn = Type.Union([
  Type.Object({
    kind: Type.Literal('bar'),
    category: Type.Optional(ColumnName),
    measure: Type.Optional(Measure),
  }),
  Type.Object({ kind: Type.Literal('line'), x: Type.Optional(ColumnName), measure: Type.Optional(Measure) }),
  Type.Object({ kind: Type.Literal('scatter'), x: Type.Optional(ColumnName), y: Type.Optional(ColumnName) }),
  Type.Object({
    kind: Type.Literal('map'),
    latitude: Type.Optional(Nullable(ColumnName)),
    longitude: Type.Optional(Nullable(ColumnName)),
  }),
]);
export const ViewBody = Type.Object({ title: LocalizedIn, spec: SpecIn });
export type ViewBody = Static<typeof ViewBody>;

const MeasureOut = Type.Object({
  fn: Type.Union([Type.Literal('count'), Type.Literal('sum'), Type.Literal('avg')]),
  column: Nullable(Type.String()),
});
const BarOut = Type.Object({ kind: Type.Literal('bar'), category: Type.String(), measure: MeasureOut });
const LineOut = Type.Object({ kind: Type.Literal('line'), x: Type.String(), measure: MeasureOut });
const ScatterOut = Type.Object({ kind: Type.Literal('scatter'), x: Type.String(), y: Type.String() });
const MapOut = Type.Object({
  kind: Type.Literal('map'),
  latitude: Nullable(Type.String()),
  longitude: Nullable(Type.String()),
});
export const ViewOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  resource_id: Type.String({ format: 'uuid' }),
  title: LocalizedOut,
  spec: Type.Union([BarOut, LineOut, ScatterOut, MapOut]),
  created: DateTime,
});

export const ViewsOut = Type.Object({
  views: Type.Array(ViewOut),
  suggested: Nullable(
    Type.Object({ chart: Nullable(Type.Union([BarOut, LineOut, ScatterOut])), map: Nullable(MapOut) }),
  ),
});

const Figures = Type.Union([
  Type.Object({
    kind: Type.Literal('bar'),
    points: Type.Array(Type.Object({ label: Type.String(), value: Type.Number() })),
    others: Type.Integer({ description: 'Categories beyond the 20 largest' }),
  }),
  Type.Object({
    kind: Type.Literal('line'),
    interval: Nullable(Type.Union([Type.Literal('day'), Type.Literal('month'), Type.Literal('year')])),
    points: Type.Array(Type.Object({ x: Type.Union([Type.String(), Type.Number()]), value: Type.Number() })),
    truncated: Type.Boolean(),
  }),
  Type.Object({
    kind: Type.Literal('scatter'),
    points: Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 })),
    total: Type.Integer(),
  }),
]);
export const ViewWithFiguresOut = Type.Object({
  ...ViewOut.properties,
  figures: Type.Optional(Figures),
});

export const DATA_FORMATS = ['json', 'csv', 'xlsx', 'jsonl', 'parquet', 'geojson'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/**
 * The query string of /data: the known parameters, and any other one as a column filter
 * (`col=v`, `col__gt=v`, `col__contains=words`…) or a query part (`q`, `select`, `sort`, `group_by`,
 * `agg`), read by the table query.
 */
export const DataQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union([
        Type.Literal('json'),
        Type.Literal('csv'),
        Type.Literal('xlsx'),
        Type.Literal('jsonl'),
        Type.Literal('parquet'),
        Type.Literal('geojson'),
      ]),
    ),
    limit: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Rows per page (JSON: 1 to 10,000, 100 by default); caps a download',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 500, description: 'The next page, as `next` gives it' })),
    count: Type.Optional(Type.Boolean({ description: 'Count every row the filters keep (JSON)' })),
    points: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'GeoJSON: latitude,longitude columns to make points from',
      }),
    ),
    delimiter: Type.Optional(
      Type.Union([Type.Literal(','), Type.Literal(';'), Type.Literal('\t')], {
        description: 'CSV: the field separator (`;` for French Excel)',
      }),
    ),
    bom: Type.Optional(
      Type.Boolean({
        description: 'CSV: start with a UTF-8 byte order mark, so that Excel reads accents right',
      }),
    ),
    decimal: Type.Optional(
      Type.Union([Type.Literal('point'), Type.Literal('comma')], {
        description: 'CSV: the decimal mark of numbers (`comma` for French Excel)',
      }),
    ),
  },
  {
    additionalProperties: Type.Union([
      Type.String({ maxLength: 10_000 }),
      Type.Array(Type.String({ maxLength: 10_000 })),
    ]),
  },
);
export type DataQuery = Static<typeof DataQuery>;

/** A cell: text, number, boolean, null, or the JSON of a json column. */
const Cell = Type.Union([
  Type.String(),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
  Type.Array(Type.Any()),
  Type.Object({}, { additionalProperties: true }),
]);

export const DataPageOut = Type.Object({
  columns: Type.Array(Type.Object({ id: Type.String(), type: ColumnTypeOut })),
  records: Type.Array(Type.Record(Type.String(), Cell)),
  total: Nullable(Type.Integer({ description: 'With count=true' })),
  next: Nullable(Type.String({ description: 'The next page’s address, or null at the end' })),
});
export type DataPageOut = Static<typeof DataPageOut>;
