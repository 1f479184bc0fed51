import { type Static, type TSchema, Type } from 'typebox';
import { LIMITS } from '../limits.js';

export { problemResponses } from '../../../platform/http/problem-schema.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const NullableString = (options: { description?: string; maxLength?: number } = {}) =>
  Type.Union([Type.String(options), Type.Null()]);

export const Bilingual = Type.Object(
  { fr: NullableString(), en: NullableString() },
  { description: 'A text in French and in English (either may be null)' },
);
const BilingualInput = (maxLength: number) =>
  Type.Object(
    { fr: Type.Optional(NullableString({ maxLength })), en: Type.Optional(NullableString({ maxLength })) },
    { additionalProperties: false },
  );
const Bbox = Type.Object(
  { west: Type.Number(), south: Type.Number(), east: Type.Number(), north: Type.Number() },
  { description: 'Bounding box in WGS 84 degrees' },
);
const StringMap = Type.Record(Type.String(), Type.String());
const ExtrasInput = Type.Record(
  Type.String({ maxLength: 100 }),
  Type.String({ maxLength: LIMITS.extraValue }),
  {
    maxProperties: LIMITS.extras,
  },
);
const Text = (maxLength: number, description?: string) =>
  NullableString({ maxLength, ...(description ? { description } : {}) });

export const GroupSummary = Type.Object({ id: Type.String(), name: Type.String(), title: Bilingual });

export const ResourceOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  dataset_id: Type.String({ format: 'uuid' }),
  position: Type.Integer(),
  kind: Type.Union([Type.Literal('upload'), Type.Literal('link')], {
    description: 'An uploaded file served by the portal, or a link to elsewhere',
  }),
  url: Type.String({ description: 'Download URL of the file, or the link' }),
  name: Bilingual,
  description: Bilingual,
  format: NullableString(),
  media_type: NullableString(),
  size: Nullable(Type.Integer({ description: 'Bytes (uploads only)' })),
  sha256: NullableString({ description: 'SHA-256 of the file (uploads only)' }),
  resource_type: NullableString(),
  extras: StringMap,
  created: Type.String({ format: 'date-time' }),
  modified: Type.String({ format: 'date-time' }),
  last_modified: NullableString({ description: 'When the file or link last changed' }),
});

export const DatasetOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  type: Type.String(),
  state: Type.Union([Type.Literal('active'), Type.Literal('draft'), Type.Literal('deleted')]),
  private: Type.Boolean(),
  title: Bilingual,
  notes: Bilingual,
  organization: GroupSummary,
  groups: Type.Array(GroupSummary),
  tags: Type.Array(Type.String()),
  keywords_en: Type.Array(Type.String()),
  license_id: NullableString(),
  license: Nullable(
    Type.Object({ id: Type.String(), title: Bilingual, url: NullableString(), is_open: Type.Boolean() }),
  ),
  author: NullableString(),
  author_email: NullableString(),
  maintainer: NullableString({ description: 'Contact point' }),
  maintainer_email: NullableString({ description: 'Contact point email' }),
  url: NullableString({ description: 'Source or home page of the data' }),
  version: NullableString(),
  update_frequency: NullableString(),
  time_coverage_start: NullableString({ description: 'Temporal coverage start (YYYY-MM-DD)' }),
  time_coverage_end: NullableString({ description: 'Temporal coverage end (YYYY-MM-DD)' }),
  spatial: Nullable(Bbox),
  language: Type.Array(Type.String(), { description: 'ISO 639-1 codes' }),
  extras: StringMap,
  created: Type.String({ format: 'date-time' }),
  modified: Type.String({ format: 'date-time' }),
  resources: Type.Array(ResourceOut),
  links: Type.Object({
    self: Type.String(),
    html: Type.String(),
    dcat_jsonld: Type.String(),
    dcat_turtle: Type.String(),
    schema_org: Type.String(),
  }),
});
export type DatasetOut = Static<typeof DatasetOut>;

export const ResourceBody = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid' })),
    url: Type.Optional(Text(LIMITS.url, 'The link; leave out for an uploaded file')),
    kind: Type.Optional(
      Type.Union([Type.Literal('upload'), Type.Literal('link')], {
        description: '"upload" keeps the file of the resource with this id',
      }),
    ),
    name: Type.Optional(BilingualInput(LIMITS.resourceName)),
    description: Type.Optional(BilingualInput(LIMITS.resourceDescription)),
    format: Type.Optional(Text(LIMITS.format)),
    media_type: Type.Optional(Text(LIMITS.mediaType)),
    resource_type: Type.Optional(Text(LIMITS.resourceType)),
    extras: Type.Optional(ExtrasInput),
  },
  { additionalProperties: false },
);
export type ResourceBody = Static<typeof ResourceBody>;

export const DatasetBody = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid', description: 'Sysadmins only, on creation' })),
    name: Type.String({ description: 'URL name: lowercase letters, digits, - and _', maxLength: 100 }),
    title: Type.Optional(BilingualInput(LIMITS.title)),
    notes: Type.Optional(BilingualInput(LIMITS.notes)),
    owner_org: Type.Optional(Type.String({ description: 'Organisation name or id', maxLength: 100 })),
    private: Type.Optional(Type.Boolean()),
    state: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('draft')])),
    author: Type.Optional(Text(LIMITS.person)),
    author_email: Type.Optional(Text(LIMITS.email)),
    maintainer: Type.Optional(Text(LIMITS.person)),
    maintainer_email: Type.Optional(Text(LIMITS.email)),
    license_id: Type.Optional(Text(100)),
    url: Type.Optional(Text(LIMITS.url)),
    version: Type.Optional(Text(LIMITS.version)),
    update_frequency: Type.Optional(Text(100)),
    time_coverage_start: Type.Optional(Text(10)),
    time_coverage_end: Type.Optional(Text(10)),
    spatial: Type.Optional(Nullable(Bbox)),
    language: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: LIMITS.languages })),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: LIMITS.tags })),
    keywords_en: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: LIMITS.tags })),
    groups: Type.Optional(
      Type.Array(Type.String({ maxLength: 100 }), {
        description: 'Theme names or ids',
        maxItems: LIMITS.groups,
      }),
    ),
    extras: Type.Optional(ExtrasInput),
    resources: Type.Optional(Type.Array(ResourceBody, { maxItems: LIMITS.resources })),
  },
  { additionalProperties: false },
);
export type DatasetBody = Static<typeof DatasetBody>;

export const DatasetPatchBody = Type.Partial(DatasetBody);
export type DatasetPatchBody = Static<typeof DatasetPatchBody>;

export const FacetItem = Type.Object({ name: Type.String(), label: Bilingual, count: Type.Integer() });

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ description: 'Words, "phrases", prefix*, AND/OR/NOT, field:value' })),
  fq: Type.Optional(Type.Array(Type.String(), { description: 'Filter queries (field:value)' })),
  organization: Type.Optional(Type.Array(Type.String())),
  groups: Type.Optional(Type.Array(Type.String())),
  tags: Type.Optional(Type.Array(Type.String())),
  res_format: Type.Optional(Type.Array(Type.String())),
  license_id: Type.Optional(Type.Array(Type.String())),
  quality: Type.Optional(
    Type.Array(Type.String(), { description: 'Metadata quality band: high (≥ 80), medium (50–79), low' }),
  ),
  sort: Type.Optional(
    Type.String({
      description: 'e.g. "score desc, metadata_modified desc", "title asc", "quality_score desc"',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  facet: Type.Optional(Type.Array(Type.String(), { description: 'Facet fields (default: all six)' })),
  facet_limit: Type.Optional(Type.Integer({ minimum: -1, default: 50, description: '-1 for all values' })),
  include_private: Type.Optional(Type.Boolean({ default: true })),
  include_drafts: Type.Optional(Type.Boolean({ default: false })),
});
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchOut = Type.Object({
  count: Type.Integer(),
  sort: Type.String(),
  results: Type.Array(DatasetOut),
  facets: Type.Record(Type.String(), Type.Array(FacetItem)),
  suggestions: Type.Optional(
    Type.Object({
      corrected_query: NullableString(),
      datasets: Type.Array(Type.Object({ name: Type.String(), title: Bilingual })),
    }),
  ),
});

export const Reference = Type.Object({ ref: Type.String({ description: 'Id or name' }) });
export const IdParam = Type.Object({ id: Type.String() });

export const GroupOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  title: Bilingual,
  description: Bilingual,
  image_url: NullableString(),
  eu_theme: NullableString(),
  extras: StringMap,
  dataset_count: Type.Optional(Type.Integer()),
  created: Type.String({ format: 'date-time' }),
  modified: Type.String({ format: 'date-time' }),
});

export const GroupBody = Type.Object(
  {
    id: Type.Optional(Type.String({ format: 'uuid' })),
    name: Type.String({ maxLength: 100 }),
    title: BilingualInput(LIMITS.groupTitle),
    description: Type.Optional(BilingualInput(LIMITS.groupDescription)),
    image_url: Type.Optional(Text(LIMITS.url)),
    eu_theme: Type.Optional(
      NullableString({ description: 'EU data theme code (themes only)', maxLength: 10 }),
    ),
    extras: Type.Optional(ExtrasInput),
  },
  { additionalProperties: false },
);
export type GroupBody = Static<typeof GroupBody>;

export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  sort: Type.Optional(
    Type.Union([Type.Literal('title'), Type.Literal('name'), Type.Literal('dataset_count')]),
  ),
});

export const ActivityOut = Type.Object({
  id: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
  user: NullableString(),
  activity_type: Type.String(),
  object_type: Type.String(),
  object_id: Type.String(),
  name: Type.String(),
  title: Bilingual,
  changes: Type.Array(Type.String()),
});
