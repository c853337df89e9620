// The per-token rate limit counts in PostgreSQL: exact under concurrency, refused above the limit, and
// its asynchronous commit (so that a token's concurrent requests do not queue on one row's disk flush)
// stays inside the counter's own statement — it never leaks into the pooled session's later writes.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { consumeRateLimit, rateLimitPerMinute, RateLimitedError, RATE_LIMIT_WINDOW_MS } from "@/lib/api/rate-limit";

const principal = `token:rate-limit-test-${randomUUID()}`;
afterAll(async () => {
  await prisma.rateLimitWindow.deleteMany({ where: { principal } });
  await prisma.$disconnect();
});

describe("consumeRateLimit", () => {
  it("counts every one of 40 concurrent requests exactly once", async () => {
    const now = new Date();
    const states = await Promise.all(Array.from({ length: 40 }, () => consumeRateLimit(principal, now)));
    const limit = rateLimitPerMinute();
    expect(states.map((s) => limit - s.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const windowStart = new Date(Math.floor(now.getTime() / RATE_LIMIT_WINDOW_MS) * RATE_LIMIT_WINDOW_MS);
    expect((await prisma.rateLimitWindow.findUniqueOrThrow({ where: { principal_windowStart: { principal, windowStart } } })).count).toBe(40);
  });

  it("refuses the request above the limit with the time to wait", async () => {
    const now = new Date();
    const windowStart = new Date(Math.floor(now.getTime() / RATE_LIMIT_WINDOW_MS) * RATE_LIMIT_WINDOW_MS);
    await prisma.rateLimitWindow.update({ where: { principal_windowStart: { principal, windowStart } }, data: { count: rateLimitPerMinute() - 1 } });
    await expect(consumeRateLimit(principal, now)).resolves.toMatchObject({ remaining: 0 });
    const refused = await consumeRateLimit(principal, now).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it("leaves every pooled session with durable commits", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => consumeRateLimit(`${principal}-${i}`)));
    const settings = await Promise.all(Array.from({ length: 20 }, () => prisma.$queryRaw<Array<{ synchronous_commit: string }>>`SHOW synchronous_commit`));
    expect(new Set(settings.map(([row]) => row!.synchronous_commit))).toEqual(new Set(["on"]));
    await prisma.rateLimitWindow.deleteMany({ where: { principal: { startsWith: `${principal}-` } } });
  });
});
