import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type Locale, negotiateLocale } from '../i18n/index.js';
import { AppError, type FieldIssue, TooManyRequestsError, ValidationError } from './errors.js';
import { issuesFromSchemaErrors } from './schema-issues.js';

/** RFC 9457 problem details, with Quai's `code` and per-field `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  errors?: { field: string; code: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/**
 * Turns any error into problem details: typed errors keep their status and message; Fastify's
 * own 4xx errors (bad JSON, schema validation) become field errors; anything else is a 500 whose
 * message is logged with the request id and never shown.
 */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const locale: Locale = negotiateLocale(request.headers['accept-language'], 'en');
  const base = { type: 'about:blank', instance: request.url };
  if (error instanceof AppError) {
    const problem: Problem = {
      ...base,
      title: TITLES[error.status] ?? 'Error',
      status: error.status,
      detail: error.detail[locale],
      code: codeOf(error),
    };
    if (error instanceof ValidationError)
      problem.errors = error.issues.map((issue) => presentIssue(issue, locale));
    return problem;
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const issues = schemaIssues(fastifyError);
    return {
      ...base,
      title: TITLES[422] as string,
      status: 422,
      detail: new ValidationError(issues).detail[locale],
      code: 'validation_error',
      errors: issues.map((issue) => presentIssue(issue, locale)),
    };
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      ...base,
      title: TITLES[status] ?? 'Error',
      status,
      detail: fastifyError.message,
      code: fastifyError.code ?? 'bad_request',
    };
  }
  request.log.error({ err: error }, 'unhandled error');
  return {
    ...base,
    title: TITLES[500] as string,
    status: 500,
    detail:
      locale === 'fr'
        ? `Erreur interne ; référence ${request.id}`
        : `Internal error; reference ${request.id}`,
    code: 'internal_error',
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** The Fastify error handler for JSON APIs. */
export function problemErrorHandler(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof TooManyRequestsError) reply.header('Retry-After', String(error.retryAfterSeconds));
  return sendProblem(reply, toProblem(error, request));
}

function presentIssue(issue: FieldIssue, locale: Locale) {
  return { field: issue.path, code: issue.code, message: issue.message[locale] };
}

function codeOf(error: AppError): string {
  const words = error.name
    .replace(/Error$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
  return `${words}_error`;
}

/** Fastify's schema errors (from Ajv) as field issues, prefixed by where they were found. */
function schemaIssues(error: FastifyError): FieldIssue[] {
  const context = error.validationContext === 'body' ? '' : (error.validationContext ?? '');
  return issuesFromSchemaErrors(error.validation ?? [], context);
}
