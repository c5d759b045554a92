/**
 * The one error type services throw. `code` is stable (clients and tests match on it), `message` is for
 * people and in Bahasa Indonesia, `details` carries what a client needs to point at the problem.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The single place where error codes meet HTTP status codes. Unknown codes are client errors (400). */
const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: 422,
  NIK_INVALID: 422,
  NIK_MISMATCH: 422,
  REGION_OUT_OF_PROVINCE: 422,
  REGION_NOT_FOUND: 422,
  REGION_TOO_COARSE: 422,
  PHONE_INVALID: 422,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  WORKER_NOT_FOUND: 404,
  WORKER_NIK_EXISTS: 409,
  WORKER_VERSION_CONFLICT: 409,
  WORKER_ALREADY_INACTIVE: 409,
  UNAUTHENTICATED: 401,
  CSRF_INVALID: 403,
  USER_NOT_FOUND: 404,
  USER_EMAIL_EXISTS: 409,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  DATA_DIR_LOCKED: 503,
  DATABASE_BUSY: 503,
  DATABASE_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  IMPORT_NOT_FOUND: 404,
  IMPORT_STATE: 409,
  IMPORT_BUSY: 409,
  REVIEW_DECIDED: 409,
  FILE_TYPE_UNSUPPORTED: 422,
  FILE_EMPTY: 422,
  FILE_UNREADABLE: 422,
  FILE_TOO_COMPRESSED: 422,
  FILE_TOO_LARGE_EXPANDED: 413,
  FILE_TOO_MANY_ROWS: 413,
  HEADER_NOT_FOUND: 422,
  INTERNAL: 500,
};

export function httpStatusFor(code: string): number {
  return STATUS_BY_CODE[code] ?? 400;
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
