import type { FastifyBaseLogger, FastifyError } from 'fastify';
import {
  AppError,
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  QueryError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../../platform/http/errors.js';

/** CKAN's envelope around every action's answer. */
export function successEnvelope(help: string, result: unknown) {
  return { help, success: true, result };
}

export function errorEnvelope(help: string, error: Record<string, unknown>) {
  return { help, error, success: false };
}

/** Quai's field paths in CKAN's field names (fluent fields live in `*_translated`). */
const CKAN_FIELDS: Record<string, string> = {
  'title.fr': 'title',
  'title.en': 'title_translated',
  'notes.fr': 'notes',
  'notes.en': 'notes_translated',
  'name.fr': 'name',
  'description.fr': 'description',
  keywords_en: 'keywords',
};

/**
 * CKAN's validation error dict: field → messages, resources as a list of per-resource dicts
 * (`{"resources": [{}, {"url": ["Missing value"]}]}`), keys sorted, `__type` last.
 */
export function validationErrorDict(issues: readonly FieldIssue[]): Record<string, unknown> {
  const dict: Record<string, unknown> = {};
  for (const issue of issues) {
    const nested = /^resources\.(\d+)\.(.+)$/.exec(issue.path);
    if (nested) {
      const resources = (dict.resources as Record<string, string[]>[] | undefined) ?? [];
      const index = Number(nested[1]);
      while (resources.length <= index) resources.push({});
      const field = CKAN_FIELDS[nested[2] as string] ?? (nested[2] as string);
      (resources[index] as Record<string, string[]>)[field] = [
        ...((resources[index] as Record<string, string[]>)[field] ?? []),
        issue.message.en,
      ];
      dict.resources = resources;
      continue;
    }
    const field = CKAN_FIELDS[issue.path] ?? issue.path;
    dict[field] = [...((dict[field] as string[] | undefined) ?? []), issue.message.en];
  }
  const sorted = Object.fromEntries(Object.entries(dict).sort(([a], [b]) => a.localeCompare(b)));
  return { ...sorted, __type: 'Validation Error' };
}

/** Python's repr of a one-string tuple, as CKAN prints exception arguments. */
function pythonTupleRepr(text: string): string {
  const quoted = text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replaceAll("'", "\\'")}'`;
  return `(${quoted},)`;
}

/** Maps any error to CKAN's status code and `error` dict (views/api.py). Internals never leak. */
export function ckanError(
  error: unknown,
  log: FastifyBaseLogger,
): { status: number; error: Record<string, unknown> } {
  if (error instanceof ValidationError) return { status: 409, error: validationErrorDict(error.issues) };
  if (error instanceof ForbiddenError || error instanceof UnauthorizedError) {
    return {
      status: 403,
      error: { __type: 'Authorization Error', message: `Access denied: ${error.detail.en}` },
    };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, error: { __type: 'Not Found Error', message: `Not found: ${error.detail.en}` } };
  }
  if (error instanceof QueryError) {
    return {
      status: 400,
      error: {
        __type: 'Search Query Error',
        message: `Search Query is invalid: ${pythonTupleRepr(error.detail.en)}`,
      },
    };
  }
  if (error instanceof ConflictError)
    return { status: 409, error: { __type: 'Validation Error', message: error.detail.en } };
  const fileTooLarge =
    error instanceof PayloadTooLargeError || (error as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE';
  if (fileTooLarge) {
    const message = error instanceof PayloadTooLargeError ? error.detail.en : 'The file is too large';
    return { status: 413, error: { __type: 'Validation Error', upload: [message] } };
  }
  if (error instanceof TooManyRequestsError) {
    return {
      status: 429,
      error: { __type: 'Too Many Requests', message: error.detail.en, retry_after: error.retryAfterSeconds },
    };
  }
  // Any other deliberate error keeps its status and message (CKAN has no type for it).
  if (error instanceof AppError && error.status < 500) {
    return { status: error.status, error: { __type: 'Error', message: error.detail.en } };
  }
  log.error({ err: error }, 'CKAN action failed');
  return { status: 500, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } };
}
