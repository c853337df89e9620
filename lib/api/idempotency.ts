// Idempotency keys for POST (and any other non-idempotent call): the first request with a given
// `Idempotency-Key` runs; a retry with the same key and the same body gets the stored answer (with
// `Idempotent-Replayed: true`) and writes nothing; the same key with another body is a 422; a retry
// while the first is still running is a 409. Keys belong to the caller (token, or user for a session)
// and expire after 24 hours.
// A running request holds its key by a lease it renews (heartbeat every third of the lease): if its
// server dies mid-request, the lease runs out and a retry with the same key runs the request again,
// instead of answering 409 for 24 hours. The dead request's transaction was rolled back with its
// connection, so running it again is safe.
import "server-only";
import { createHash } from "node:crypto";
import { prisma } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { readBodyBytes, DEFAULT_BODY_LIMIT_BYTES } from "./body";
import type { Principal } from "./principal";
import { principalId } from "./principal-id";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** status of a record whose request is still being handled */
const IN_PROGRESS = 0;

export type IdempotentHandler = (request: Request, body: Uint8Array) => Promise<Response>;

/**
 * Run `handler` at most once per (caller, Idempotency-Key). The body is read here (within
 * `maxBytes`, 413 above) and handed to the handler both as bytes and inside a fresh Request, so the
 * handler may parse it either way. Without the header the handler simply runs.
 * Only 2xx answers are stored: a failed request may be retried with the same key.
 */
export async function withIdempotency(principal: Principal, request: Request, handler: IdempotentHandler, options: { maxBytes?: number } = {}): Promise<Response> {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  const body = await readBodyBytes(request, options.maxBytes ?? DEFAULT_BODY_LIMIT_BYTES);
  const replayable = new Request(request.url, { method: request.method, headers: request.headers, body: body.byteLength ? (body as BodyInit) : null });
  if (key === null) return handler(replayable, body);
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("VALIDATION", "Idempotency-Key must be 1-255 visible ASCII characters.", { "header.idempotency-key": ["Invalid key."] });
  }

  const owner = principalId(principal);
  const path = new URL(request.url).pathname;
  const requestHash = createHash("sha256").update(request.method).update("\n").update(path).update("\n").update(body).digest("hex");

  const leaseMs = env.idempotencyLeaseMs();
  const claimed = await claim(owner, key, request.method, path, requestHash, leaseMs);
  if (!(claimed instanceof Date)) return claimed;
  // the claim's time fences this holder: after a takeover, its renewals, release and answer touch nothing
  const held = { principal: owner, key, status: IN_PROGRESS, createdAt: claimed };

  const heartbeat = renewLease(held, leaseMs);
  let response: Response;
  try {
    response = await handler(replayable, body);
  } catch (error) {
    heartbeat.stop();
    // the caller gets the request's own error; a key that cannot be released (database gone) frees
    // itself when its lease runs out
    await release(held).catch(logKeepFailure);
    throw error;
  }
  heartbeat.stop();
  if (response.status < 200 || response.status >= 300) {
    await release(held).catch(logKeepFailure);
    return response;
  }
  const text = await response.text();
  try {
    await prisma.idempotencyRecord.updateMany({
      where: held,
      data: { status: response.status, responseBody: storedBody(text) },
    });
  } catch (error) {
    // the work is committed: answering 503 now would invite a retry that, once the lease has run out,
    // does it a second time. The caller gets its answer; only a later replay of it is lost.
    logKeepFailure(error);
  }
  return new Response(text, { status: response.status, headers: response.headers });
}

type Held = { principal: string; key: string; status: number; createdAt: Date };

/**
 * Insert the in-progress record, take over one whose holder is gone, or answer from the existing one.
 * A claim returns its time, which identifies this holder.
 */
async function claim(owner: string, key: string, method: string, path: string, requestHash: string, leaseMs: number): Promise<Date | Response> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = new Date();
    try {
      await prisma.idempotencyRecord.create({
        data: { principal: owner, key, method, path, requestHash, status: IN_PROGRESS, responseBody: {}, createdAt: now, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
      });
      return now;
    } catch (e) {
      if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")) throw e;
    }
    const existing = await prisma.idempotencyRecord.findUnique({ where: { principal_key: { principal: owner, key } } });
    if (!existing) continue; // released meanwhile: try to claim again
    if (Date.now() - existing.createdAt.getTime() > IDEMPOTENCY_TTL_MS) {
      await prisma.idempotencyRecord.deleteMany({ where: { id: existing.id } });
      continue;
    }
    if (existing.requestHash !== requestHash) {
      throw new AppError("VALIDATION", "This Idempotency-Key was already used with a different request (method, path or body). Use a new key for a new request.", {
        "header.idempotency-key": ["Already used for another request."],
      });
    }
    if (existing.status === IN_PROGRESS) {
      // the holder stopped renewing its lease: its request died with its server. Take the key over, in
      // one conditional update so that of several retries exactly one wins.
      const takeover = new Date(Math.max(Date.now(), existing.createdAt.getTime() + 1));
      if (existing.leaseExpiresAt < takeover) {
        const { count } = await prisma.idempotencyRecord.updateMany({
          where: { id: existing.id, status: IN_PROGRESS, leaseExpiresAt: existing.leaseExpiresAt },
          data: { leaseExpiresAt: new Date(takeover.getTime() + leaseMs), createdAt: takeover },
        });
        if (count === 1) return takeover;
      }
      throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed; retry shortly.");
    }
    return replay(existing.status, existing.responseBody);
  }
  throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed; retry shortly.");
}

/** Renew the lease every third of its length while the request runs. */
function renewLease(held: Held, leaseMs: number): { stop(): void } {
  const timer = setInterval(
    () => {
      prisma.idempotencyRecord
        .updateMany({ where: held, data: { leaseExpiresAt: new Date(Date.now() + leaseMs) } })
        .catch((error: unknown) => console.warn("[idempotency] could not renew a lease:", error instanceof Error ? error.message.split("\n").pop() : error));
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function logKeepFailure(error: unknown) {
  console.warn("[idempotency] could not update an Idempotency-Key record:", error instanceof Error ? error.message.split("\n").filter(Boolean).pop() : error);
}

async function release(held: Held) {
  await prisma.idempotencyRecord.deleteMany({ where: held });
}

function storedBody(text: string): Prisma.InputJsonValue {
  try {
    return { json: JSON.parse(text) as Prisma.InputJsonValue };
  } catch {
    return { text };
  }
}

function replay(status: number, stored: Prisma.JsonValue): Response {
  const record = stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
  const headers = new Headers({ "idempotent-replayed": "true" });
  if ("json" in record) {
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify(record.json), { status, headers });
  }
  headers.set("content-type", "text/plain; charset=utf-8");
  return new Response(typeof record.text === "string" ? record.text : "", { status, headers });
}

/** Delete expired records (called opportunistically; cheap thanks to the createdAt index). */
export async function pruneIdempotencyRecords(now = new Date()): Promise<number> {
  const { count } = await prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
  return count;
}
