import { type TSchema, Type } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** The statuses of `REQUEST_STATUSES` (requests.types.ts). */
const Status = Type.Union([
  Type.Literal('open'),
  Type.Literal('under_review'),
  Type.Literal('planned'),
  Type.Literal('published'),
  Type.Literal('refused'),
]);

export const RequestOut = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.Integer(),
  url: Type.String({ description: 'The request’s page on the portal' }),
  title: Type.String(),
  description: Type.String({ description: 'Markdown' }),
  reason: Nullable(Type.String()),
  organization: Nullable(Type.String({ description: 'The name of the organisation asked' })),
  author: Type.String({ description: 'The asker’s user name' }),
  status: Status,
  status_reason: Nullable(Type.String()),
  dataset: Nullable(Type.String({ description: 'The name of the dataset that answers it' })),
  supporters: Type.Integer(),
  created: Type.String({ format: 'date-time' }),
  updated: Type.String({ format: 'date-time' }),
});

export const EventOut = Type.Object({
  author: Type.String(),
  official: Type.Boolean({ description: 'Given for the organisation or the portal' }),
  status: Nullable(Status),
  message: Type.String(),
  dataset: Nullable(Type.String()),
  created: Type.String({ format: 'date-time' }),
});

export const RequestDetailOut = Type.Intersect([
  RequestOut,
  Type.Object({
    history: Type.Array(EventOut),
    supported_by_me: Type.Boolean(),
    may_answer: Type.Boolean(),
  }),
]);

export const RequestListOut = Type.Object({
  total: Type.Integer(),
  requests: Type.Array(RequestOut),
});

export const RequestListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    organization: Type.Optional(Type.String({ maxLength: 100 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    sort: Type.Optional(
      Type.Union([Type.Literal('supported'), Type.Literal('newest'), Type.Literal('updated')]),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

export const NewRequestIn = Type.Object(
  {
    title: Type.String({ maxLength: 1000 }),
    description: Type.String({ maxLength: 20_000 }),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))),
    organization: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: false },
);

export const AnswerIn = Type.Object(
  {
    status: Status,
    message: Type.Optional(Type.String({ maxLength: 20_000 })),
    dataset: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const HideIn = Type.Object(
  { reason: Nullable(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const RefParams = Type.Object({ ref: Type.String({ maxLength: 100 }) });
export const SupportOut = Type.Object({ supporters: Type.Integer(), supported_by_me: Type.Boolean() });
