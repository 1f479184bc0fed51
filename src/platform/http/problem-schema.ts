import { Type } from 'typebox';

/** RFC 9457 problem details as Quai sends them (see problem.ts), for the OpenAPI document. */
export const ProblemOut = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.String(),
  code: Type.String(),
  errors: Type.Optional(
    Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
  ),
});

/** Error responses any operation may give. */
export const problemResponses = {
  400: ProblemOut,
  401: ProblemOut,
  403: ProblemOut,
  404: ProblemOut,
  422: ProblemOut,
};
