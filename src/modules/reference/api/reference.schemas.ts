import { type TSchema, Type } from 'typebox';

export { problemResponses } from '../../../platform/http/problem-schema.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = Nullable(Type.String());
const Day = Nullable(Type.String({ format: 'date' }));
const LocalizedOut = Type.Object({ fr: Type.String(), en: Type.String() });
const Value = Nullable(Type.Union([Type.String(), Type.Number()]));

const Linked = Type.Object({
  code: Type.String(),
  name: Type.String(),
  validFrom: Day,
  validTo: Day,
  event: Type.String(),
  effective: Type.String({ format: 'date' }),
});

export const EntityOut = Type.Object({
  set: Type.String(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Text,
  status: Type.Union([Type.Literal('current'), Type.Literal('retired')]),
  validFrom: Nullable(
    Type.String({
      format: 'date',
      description: 'NULL: valid since before the first version (date not in the source)',
    }),
  ),
  validTo: Nullable(Type.String({ format: 'date', description: 'Exclusive end of the period' })),
  startReason: Text,
  endReason: Text,
  attributes: Type.Record(Type.String(), Value),
  predecessors: Type.Array(Linked),
  successors: Type.Array(Linked),
  current: Type.Array(Type.String(), {
    description: 'The codes valid today that replace this one (itself when current)',
  }),
});

/** `fields=` keeps some properties: every one but code and name is optional in a list. */
export const PartialEntityOut = Type.Intersect([
  Type.Object({ code: Type.String(), name: Type.String() }),
  Type.Partial(EntityOut),
]);

const SourceOut = Type.Object({
  name: Type.String(),
  sha256: Type.String(),
  bytes: Type.Integer(),
  rows: Type.Integer(),
  url: Type.String(),
  licence: Type.String(),
});

export const VersionOut = Type.Object({
  set: Type.String(),
  label: Type.String(),
  referenceDate: Type.String({ format: 'date' }),
  previous: Text,
  publishedAt: Type.String({ format: 'date-time' }),
  fictitious: Type.Boolean({ description: 'A version made up for demonstration: never use its data' }),
  rowCount: Type.Integer(),
  changeCount: Type.Integer(),
  sources: Type.Array(SourceOut),
  files: Type.Record(
    Type.String(),
    Type.Object({
      url: Type.String(),
      sha256: Type.String(),
      bytes: Type.Integer(),
      contentType: Type.String(),
    }),
  ),
  structureOverride: Nullable(Type.Object({ by: Type.String(), reason: Type.String() })),
});

export const ChangeOut = Type.Object({
  code: Type.String(),
  kind: Type.String(),
  before: Nullable(Type.Object({ name: Type.String(), attributes: Type.Record(Type.String(), Value) })),
  after: Nullable(Type.Object({ name: Type.String(), attributes: Type.Record(Type.String(), Value) })),
  related: Type.Array(Type.String()),
});

export const SetOut = Type.Object({
  id: Type.String(),
  entityType: LocalizedOut,
  title: LocalizedOut,
  description: LocalizedOut,
  scheme: Type.Object({ name: LocalizedOut, pattern: Type.String(), width: Nullable(Type.Integer()) }),
  attributes: Type.Array(
    Type.Object({
      name: Type.String(),
      type: Type.String(),
      title: LocalizedOut,
      filterable: Type.Boolean(),
      link: Type.Optional(Type.String()),
      missing: Type.Optional(LocalizedOut),
    }),
  ),
  commitment: Type.Object({
    producer: Type.String(),
    diffuser: Type.String(),
    frequency: Type.String(),
    maxAgeDays: Type.Integer(),
    availability: Type.Object({ files: Type.Number(), api: Type.Number() }),
    noticeDays: Type.Integer(),
    reportUrl: Type.String(),
  }),
  source: Type.Object({
    title: Type.String(),
    url: Type.String(),
    licence: Type.String(),
    note: LocalizedOut,
  }),
  current: Nullable(VersionOut),
});

export const ListOut = Type.Object({
  set: Type.String(),
  version: Nullable(VersionOut),
  total: Type.Integer(),
  entities: Type.Array(PartialEntityOut),
});

export const StatusOut = Type.Object({
  set: Type.String(),
  freshness: Type.Object({
    lastVersion: Text,
    publishedAt: Nullable(Type.String({ format: 'date-time' })),
    ageDays: Nullable(Type.Number()),
    maxAgeDays: Type.Integer(),
    fresh: Type.Boolean(),
  }),
  availability: Type.Object({
    since: Nullable(Type.String({ format: 'date-time' })),
    minutes: Type.Integer({ description: 'Minutes observed (since the first probe, at most 30 days)' }),
    api: Nullable(Type.Number({ description: 'Percent of minutes the lookup API answered' })),
    files: Nullable(Type.Number({ description: 'Percent of minutes the bulk files answered' })),
    targets: Type.Object({ files: Type.Number(), api: Type.Number() }),
    days: Type.Array(
      Type.Object({
        day: Type.String({ format: 'date' }),
        api: Type.Number(),
        files: Type.Number(),
        samples: Type.Integer(),
      }),
    ),
  }),
  notices: Type.Array(
    Type.Object({
      effectiveOn: Type.String({ format: 'date' }),
      announcedAt: Type.String({ format: 'date-time' }),
      description: LocalizedOut,
    }),
  ),
});
