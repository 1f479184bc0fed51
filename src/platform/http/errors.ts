import { type Localized, localized } from '../i18n/index.js';

/** One reason a field was refused. `path` uses dots for nesting: `resources.0.url`. */
export interface FieldIssue {
  path: string;
  code: string;
  message: Localized;
}

/** Base of every error a service may throw on purpose; mapped to HTTP in one place per API. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(readonly detail: Localized) {
    super(detail.en);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  readonly status = 422;
  constructor(readonly issues: FieldIssue[]) {
    super(
      localized(
        `Données invalides : ${issues.map((i) => `${i.path} (${i.message.fr})`).join(' ; ')}`,
        `Invalid input: ${issues.map((i) => `${i.path} (${i.message.en})`).join('; ')}`,
      ),
    );
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  readonly status = 404;
  constructor(
    readonly entity: string,
    readonly reference: string,
    detail = localized(`Introuvable : ${entity} « ${reference} »`, `Not found: ${entity} "${reference}"`),
  ) {
    super(detail);
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  readonly status = 403;
}

/** The caller must identify itself (or its credentials are wrong). */
export class UnauthorizedError extends AppError {
  override name = 'UnauthorizedError';
  readonly status = 401;
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  readonly status = 409;
}

/** A search query the parser cannot understand (CKAN's `Search Query Error`). */
export class QueryError extends AppError {
  override name = 'QueryError';
  readonly status = 400;
}

/** Too many attempts; the client may try again after `retryAfterSeconds`. */
export class TooManyRequestsError extends AppError {
  override name = 'TooManyRequestsError';
  readonly status = 429;
  constructor(
    detail: Localized,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

export class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError';
  readonly status = 413;
}

/** Collects field issues while validating, then throws them all at once. */
export class IssueCollector {
  readonly issues: FieldIssue[] = [];

  add(path: string, code: string, message: Localized): void {
    this.issues.push({ path, code, message });
  }

  has(path: string): boolean {
    return this.issues.some((issue) => issue.path === path || issue.path.startsWith(`${path}.`));
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ValidationError(this.issues);
  }
}
