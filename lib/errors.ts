// One error type for expected failures, mapped to HTTP in one place (lib/api/problem.ts).
export type AppErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "VALIDATION" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "UNAVAILABLE";

export type FieldErrors = Record<string, string[]>;

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** zod issues → { "field.path": ["message", …] } for forms and 422 problem+json. */
export function fieldErrorsOf(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** SQLSTATE of a database error (through Prisma's driver adapter), when there is one. */
function sqlStateOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as { originalCode?: unknown; code?: unknown; kind?: unknown };
    if (typeof o.originalCode === "string" && /^[0-9A-Z]{5}$/.test(o.originalCode)) return o.originalCode;
    if (o.kind === "postgres" && typeof o.code === "string" && /^[0-9A-Z]{5}$/.test(o.code)) return o.code;
  }
  return undefined;
}

/**
 * The last line of defence for input the schemas let through: PostgreSQL's "data exception" class
 * (22xxx: NUL bytes, untranslatable characters, out-of-range numbers or dates, malformed uuids) is the
 * caller's input, so it becomes a 422 instead of a 500. Anything else is returned unchanged.
 */
export function asKnownError(error: unknown): unknown {
  if (isAppError(error)) return error;
  const state = sqlStateOf(error);
  if (state?.startsWith("22")) {
    return new AppError("VALIDATION", "The input has a value the database cannot store (a NUL character, an unpaired surrogate, or a number or date out of range).", {
      _form: ["A value cannot be stored; check the fields for unusual characters, numbers and dates."],
    });
  }
  return error;
}
