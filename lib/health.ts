import "server-only";
import { prisma } from "./db";

/** Is the database reachable? Never throws; the reason is safe to show (no credentials). */
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
    // keep the first line only, and never echo a connection string
    return { ok: false, reason: message.split("\n")[0]!.replace(/postgres(ql)?:\/\/\S+/g, "<database url>") };
  } finally {
    clearTimeout(timer);
  }
}
