import "server-only";
import { prisma } from "./db";
import { isDatabaseUnavailable } from "./db-unavailable";

/**
 * Is the database reachable? Never throws. The endpoint is public, so the reason is a fixed phrase:
 * driver messages name the database's host and port (they go to the server log instead).
 */
export async function checkDatabase(timeoutMs = 3000): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.warn("[health] database check failed:", message.split("\n").filter(Boolean).pop());
    const timedOut = message.includes(`no answer within ${timeoutMs} ms`);
    return { ok: false, reason: timedOut ? "the database did not answer in time" : isDatabaseUnavailable(e) ? "the database cannot be reached" : "the database check failed" };
  } finally {
    clearTimeout(timer);
  }
}
