import { type TSchema, Type } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const LocalizedOut = Type.Object({ fr: Type.String(), en: Type.String() });
const TitleOut = Type.Object({ fr: Type.String(), en: Nullable(Type.String()) });
const LocalizedIn = Type.Object({
  fr: Type.String({ minLength: 1, maxLength: 4000 }),
  en: Type.String({ maxLength: 4000 }),
});
const OrganizationRef = Type.Object({ id: Type.String(), name: Type.String(), title: TitleOut });

export const EcosystemSummaryOut = Type.Object({
  slug: Type.String(),
  title: LocalizedOut,
  purpose: LocalizedOut,
  lead: Nullable(OrganizationRef),
  members: Type.Integer(),
  schemas: Type.Array(Type.String()),
  url: Type.String(),
});

const ConsolidationOut = Type.Object({
  schema: Type.String(),
  dataset: Nullable(Type.String({ description: 'The consolidated table’s dataset (name)' })),
  resourceId: Type.String(),
  rows: Type.Integer(),
  files: Type.Integer(),
  builtAt: Type.String({ format: 'date-time' }),
  sources: Type.Array(
    Type.Object({
      datasetId: Type.String(),
      resourceId: Type.String(),
      organizationId: Type.String(),
      rows: Type.Integer(),
      valid: Type.Boolean(),
    }),
  ),
  skipped: Type.Array(
    Type.Object({ datasetId: Type.String(), resourceId: Type.String(), reason: LocalizedOut }),
  ),
  download: Type.String(),
});

export const EcosystemOut = Type.Object({
  slug: Type.String(),
  title: LocalizedOut,
  purpose: LocalizedOut,
  governance: LocalizedOut,
  contact: Type.String(),
  url: Type.String(),
  members: Type.Array(
    Type.Object({
      organization: OrganizationRef,
      role: Type.Union([Type.Literal('lead'), Type.Literal('member'), Type.Literal('observer')]),
      contact: Nullable(Type.String()),
      joinedAt: Type.String({ format: 'date-time' }),
    }),
  ),
  schemas: Type.Array(
    Type.Object({
      name: Type.String(),
      title: LocalizedOut,
      latest: Nullable(Type.String()),
      url: Type.String(),
    }),
  ),
  datasets: Type.Array(
    Type.Object({
      dataset: Type.String(),
      title: TitleOut,
      organization: OrganizationRef,
      resourceId: Type.String(),
      schema: Type.String(),
      schemaVersion: Type.String(),
      valid: Type.Boolean(),
      report: Type.String(),
    }),
  ),
  consolidations: Type.Array(ConsolidationOut),
});

export const EcosystemBody = Type.Object({
  title: LocalizedIn,
  purpose: LocalizedIn,
  governance: LocalizedIn,
  leadOrganization: Type.String({ maxLength: 100 }),
  contact: Type.String({ maxLength: 320 }),
});

export const MemberBody = Type.Object({
  role: Type.Union([Type.Literal('member'), Type.Literal('observer')]),
  contact: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
});

export const JoinRequestBody = Type.Object({
  organizationTitle: Type.String({ maxLength: 400 }),
  kind: Type.String({ maxLength: 40 }),
  municipalityCode: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  contactName: Type.String({ maxLength: 400 }),
  contactEmail: Type.String({ maxLength: 400 }),
  password: Type.Optional(Nullable(Type.String({ maxLength: 400 }))),
  plans: Type.String({ maxLength: 8000 }),
  ecosystem: Type.Optional(Nullable(Type.String({ maxLength: 61 }))),
});

export const JoinRequestOut = Type.Object({
  id: Type.String(),
  organizationTitle: Type.String(),
  organizationName: Type.String(),
  kind: Type.String(),
  municipalityCode: Nullable(Type.String()),
  contactName: Type.String(),
  contactEmail: Type.String(),
  plans: Type.String(),
  ecosystem: Nullable(Type.String()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused')]),
  reason: Nullable(Type.String()),
  organization: Nullable(Type.String({ description: 'The organisation’s name, once approved' })),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
  createdAt: Type.String({ format: 'date-time' }),
  events: Type.Array(
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      step: Type.String(),
      actor: Type.String(),
      detail: Type.Record(Type.String(), Type.String()),
    }),
  ),
});

export const RefuseBody = Type.Object({ reason: Type.String({ maxLength: 4000 }) });

export const ChecklistOut = Type.Array(
  Type.Object({
    id: Type.Union([
      Type.Literal('approved'),
      Type.Literal('dataset'),
      Type.Literal('schema'),
      Type.Literal('valid'),
      Type.Literal('public'),
    ]),
    done: Type.Boolean(),
    dataset: Nullable(Type.String()),
  }),
);
