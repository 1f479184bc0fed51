import { type TSchema, Type } from 'typebox';

export { problemResponses } from '../../../platform/http/problem-schema.js';

/**
 * The registry API's answers. Every field is declared: the serializer drops whatever is not,
 * so a column added to a table one day cannot reach the API unseen (people's private details
 * above all). Field names are the registry API's own (camelCase, as published since it opened).
 */
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Text = Nullable(Type.String());
const Day = Nullable(Type.String({ format: 'date' }));

export const EditionOut = Type.Object({
  id: Type.String(),
  published_on: Type.String({ format: 'date' }),
  state: Type.Union([Type.Literal('loading'), Type.Literal('done'), Type.Literal('failed')]),
  current: Type.Boolean(),
  step: Text,
  counts: Nullable(Type.Record(Type.String(), Type.Number())),
  error: Nullable(
    Type.Object({
      message: Type.Object({ fr: Type.String(), en: Type.String() }),
      file: Type.Optional(Type.String()),
      line: Type.Optional(Type.Integer()),
    }),
  ),
  started: Type.String({ format: 'date-time' }),
  finished: Nullable(Type.String({ format: 'date-time' })),
});

const Enterprise = {
  neq: Type.String({ description: 'Numéro d’entreprise du Québec' }),
  name: Text,
  status: Text,
  statusLabel: Text,
  statusOn: Day,
  legalForm: Text,
  legalFormLabel: Text,
  regime: Text,
  registeredOn: Day,
  employees: Text,
  employeesLabel: Text,
  activityCode: Text,
  activity: Text,
  address: Text,
  municipality: Text,
  postalCode: Text,
  bankrupt: Nullable(Type.Boolean()),
  constitutedOn: Day,
  constitutionPlace: Text,
};

export const SearchOut = Type.Object({
  total: Nullable(Type.Integer({ description: 'With count=true' })),
  results: Type.Array(
    Type.Object({
      ...Enterprise,
      matchedName: Text,
      former: Type.Boolean({ description: 'The name that matched is a former one' }),
      score: Nullable(Type.Number()),
    }),
  ),
});

export const ChangeOut = Type.Object({
  seq: Type.Number(),
  neq: Type.String(),
  kind: Type.String(),
  details: Nullable(Type.Record(Type.String(), Type.Any(), { description: 'From and to, by field' })),
  edition: Type.String({ format: 'date' }),
});

export const ChangesOut = Type.Object({
  changes: Type.Array(ChangeOut),
  next: Nullable(Type.String()),
  more: Type.Boolean(),
});

/** A BODS 0.4 interest (the standard's fields, as loaded; validated against its schema on the way in). */
const Interest = Type.Object(
  {
    type: Type.String(),
    directOrIndirect: Type.Optional(Type.String()),
    beneficialOwnershipOrControl: Type.Optional(Type.Boolean()),
    startDate: Type.Optional(Type.String()),
    endDate: Type.Optional(Type.String()),
    details: Type.Optional(Type.String()),
    share: Type.Optional(Type.Record(Type.String(), Type.Union([Type.Number(), Type.Boolean()]))),
  },
  { additionalProperties: false },
);

/** A person as the registry shows them: a name and professional addresses, never more. */
const PublicPerson = {
  recordId: Type.String(),
  fullName: Type.String(),
  addresses: Type.Array(
    Type.Object({
      type: Type.String(),
      address: Type.Optional(Type.String()),
      postCode: Type.Optional(Type.String()),
    }),
  ),
};

export const EnterpriseOut = Type.Object({
  ...Enterprise,
  names: Type.Array(
    Type.Object({
      name: Type.String(),
      foreignName: Text,
      status: Type.String(),
      type: Type.String(),
      startOn: Day,
      endOn: Day,
    }),
  ),
  establishments: Type.Array(
    Type.Object({
      suffix: Type.Number(),
      principal: Type.Boolean(),
      name: Text,
      address: Text,
      municipality: Text,
      postalCode: Text,
      activityCode: Text,
      activity: Text,
    }),
  ),
  relations: Type.Array(
    Type.Object({
      neq: Type.String(),
      relatedNeq: Text,
      relatedName: Text,
      kind: Text,
      effectiveOn: Day,
    }),
  ),
  continuations: Type.Array(
    Type.Object({
      changeType: Text,
      regime: Text,
      otherRegime: Text,
      locality: Text,
      effectiveOn: Day,
    }),
  ),
  history: Type.Array(ChangeOut),
  people: Type.Array(Type.Object({ ...PublicPerson, interests: Type.Array(Interest) })),
});

export const PersonsOut = Type.Object({
  people: Type.Array(
    Type.Object({
      ...PublicPerson,
      roles: Type.Array(
        Type.Object({ neq: Type.String(), enterpriseName: Text, interests: Type.Array(Interest) }),
      ),
    }),
  ),
  truncated: Type.Boolean({ description: 'More than 20 people have this name' }),
});

/**
 * A BODS 0.4 statement: the envelope is declared here; the details follow the standard's own
 * schema (draft 2020-12), which every statement is checked against in the tests.
 */
export const BodsStatement = Type.Object(
  {
    statementId: Type.String(),
    declarationSubject: Type.String(),
    statementDate: Type.String(),
    recordId: Type.String(),
    recordType: Type.Union([Type.Literal('entity'), Type.Literal('person'), Type.Literal('relationship')]),
    recordDetails: Type.Object({}, { additionalProperties: true }),
    publicationDetails: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: true },
);

export const ImportReportOut = Type.Object({ persons: Type.Integer(), interests: Type.Integer() });
