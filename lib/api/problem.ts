// RFC 9457 problem+json for every API error, from one mapping (AppError code → HTTP status).
import "server-only";
import { HTTP_STATUS, asKnownError, isAppError, type AppErrorCode, type FieldErrors } from "../errors";
import { RateLimitedError } from "./rate-limit";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER_SECONDS } from "../db-unavailable";

const TITLES: Record<AppErrorCode, string> = {
  UNAUTHENTICATED: "Authentication required",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  VALIDATION: "Invalid request",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  RATE_LIMITED: "Too many requests",
  UNAVAILABLE: "Service unavailable",
};

export type Problem = { type: string; title: string; status: number; detail: string; instance?: string; errors?: FieldErrors };

export function problem(code: AppErrorCode, detail: string, extra: { fieldErrors?: FieldErrors; instance?: string; headers?: HeadersInit } = {}): Response {
  const status = HTTP_STATUS[code];
  const body: Problem = {
    type: `https://dossier.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`,
    title: TITLES[code],
    status,
    detail,
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.fieldErrors ? { errors: extra.fieldErrors } : {}),
  };
  const headers = new Headers(extra.headers);
  headers.set("content-type", "application/problem+json");
  if (code === "UNAUTHENTICATED") headers.set("www-authenticate", 'Bearer realm="dossier"');
  return new Response(JSON.stringify(body), { status, headers });
}

/** Turn any thrown error into a response: AppErrors as problems, anything else logged and a 500 without details. */
export function errorResponse(caught: unknown, instance?: string): Response {
  const error = asKnownError(caught);
  if (error instanceof RateLimitedError) {
    return problem(error.code, error.message, { instance, headers: { "retry-after": String(error.retryAfterSeconds), "ratelimit-limit": String(error.limit) } });
  }
  if (isAppError(error)) return problem(error.code, error.message, { fieldErrors: error.fieldErrors, instance });
  if (isDatabaseUnavailable(error)) {
    // logged for the operator in one line; the caller never sees the driver's message (host, port)
    console.warn("[api] database unavailable", instance ?? "", error instanceof Error ? error.message.split("\n").filter(Boolean).pop() : "");
    return problem("UNAVAILABLE", UNAVAILABLE_MESSAGE, { instance, headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) } });
  }
  console.error("[api] unexpected error", instance ?? "", error);
  return new Response(JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500, detail: "An unexpected error occurred; it was logged." }), {
    status: 500,
    headers: { "content-type": "application/problem+json" },
  });
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wrap a route handler so every error becomes problem+json. */
export function withApiErrors<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, new URL(request.url).pathname);
    }
  };
}
