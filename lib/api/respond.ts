// Small helpers shared by the v1 route handlers, which stay thin adapters over lib/ domain functions.
import "server-only";
import { AppError } from "../errors";
import { modelKeySchema } from "../models/schemas";

export function json(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { status: init.status ?? 200, headers });
}

/** A key from the URL that cannot exist is simply not found. */
export function modelKeyParam(raw: string): string {
  const parsed = modelKeySchema.safeParse(raw);
  if (!parsed.success) throw new AppError("NOT_FOUND", `No model with the key "${raw}".`);
  return parsed.data;
}

/** A key for a write (PUT may create it): a malformed key is a 422 with a field error. */
export function modelKeyForWrite(raw: string): string {
  const parsed = modelKeySchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "The model key in the URL is not valid.", { key: parsed.error.issues.map((i) => i.message) });
  return parsed.data;
}

/** Route context of Next 16: params is a Promise. */
export type RouteContext<P extends Record<string, string>> = { params: Promise<P> };
