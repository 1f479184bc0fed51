import { Type } from 'typebox';
import { oneOf } from '../../../platform/http/one-of.js';
import { ITEM_ACTIONS, SOURCE_KINDS } from '../harvest.types.js';

export { problemResponses } from '../../../platform/http/problem-schema.js';

const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const SourceIn = Type.Object(
  {
    name: Type.String({ description: 'Its address on the portal (a–z, 0–9, - and _)' }),
    title: Type.String(),
    organization: Type.String({ description: 'The organisation (id or name) its datasets belong to' }),
    kind: oneOf(SOURCE_KINDS),
    url: Type.String({
      description: 'The CKAN site, the DCAT document, the data.json or the Opendatasoft portal',
    }),
    schedule: Type.Optional(
      Nullable(Type.String({ description: 'Five cron fields, UTC; null: by hand only' })),
    ),
    filters: Type.Optional(
      Type.Object(
        {
          organization: Type.Optional(
            Type.String({ description: 'Only this upstream organisation or publisher' }),
          ),
          tag: Type.Optional(Type.String({ description: 'Only datasets with this upstream keyword' })),
        },
        { additionalProperties: false },
      ),
    ),
    license_default: Type.Optional(
      Nullable(Type.String({ description: 'The licence of datasets that name none' })),
    ),
    mirror: Type.Optional(
      Type.Boolean({
        description:
          'Download and store the files here (loaded into the datastore when tabular); default false: links',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SourceOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  title: Type.String(),
  organization_id: Type.String({ format: 'uuid' }),
  kind: oneOf(SOURCE_KINDS),
  url: Type.String(),
  schedule: Nullable(Type.String()),
  filters: Type.Object({ organization: Type.Optional(Type.String()), tag: Type.Optional(Type.String()) }),
  license_default: Nullable(Type.String()),
  mirror: Type.Boolean(),
  next_run_at: Nullable(DateTime),
  since: Nullable(Type.String({ description: 'The newest upstream date the last complete run saw' })),
  created: DateTime,
  modified: DateTime,
});

const Counts = Type.Object(
  Object.fromEntries([...ITEM_ACTIONS, 'pending'].map((action) => [action, Type.Integer()])),
);

export const RunOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  source_id: Type.String({ format: 'uuid' }),
  dry_run: Type.Boolean({ description: 'A test: the counts say what a run would do; nothing was written' }),
  status: oneOf(['queued', 'running', 'succeeded', 'failed'] as const),
  phase: oneOf(['fetching', 'applying', 'withdrawing', 'done'] as const),
  pages: Type.Integer(),
  requests: Type.Integer({ description: 'Requests made to the source' }),
  total: Nullable(Type.Integer({ description: 'Datasets the source announced' })),
  incremental_since: Nullable(Type.String()),
  error: Nullable(Type.String()),
  counts: Counts,
  created: DateTime,
  started: Nullable(DateTime),
  finished: Nullable(DateTime),
});

export const RunItemOut = Type.Object({
  upstream_id: Type.String(),
  action: Nullable(oneOf(ITEM_ACTIONS)),
  reason: Nullable(Type.String()),
  dataset_id: Nullable(Type.String({ format: 'uuid' })),
  upstream_record: Nullable(Type.String({ description: 'An excerpt of what was read, for errors' })),
});

export const RunReportOut = Type.Object({
  run: RunOut,
  items: Type.Array(RunItemOut),
});

export const MergedOut = Type.Array(
  Type.Object({
    upstream_id: Type.String(),
    dataset_id: Type.String({ format: 'uuid' }),
    reason: Type.String(),
  }),
);

export const RefParams = Type.Object({ ref: Type.String() });
export const RunParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
export const ReportQuery = Type.Object({
  action: Type.Optional(oneOf(ITEM_ACTIONS)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
