// Is this error the database being unreachable, frozen or overloaded (as opposed to a bug or bad
// input)? Such errors answer 503 problem+json (API), a friendly page or form message (portal),
// and never show the driver's message, which names the database host and port.
// Pure: no database access, so it can be used anywhere (also by the sign-in provider).

/** Prisma codes for "cannot reach / lost / timed out" (P1xxx) and pool or transaction start timeouts. */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** Socket-level errors of the driver. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/**
 * SQLSTATEs: connection exceptions (08), shutdown / cannot connect now (57P01-57P03), insufficient
 * resources such as too many connections (53), statement timeout (57014) and lock timeout (55P03):
 * all mean "try again shortly", none is the caller's fault.
 */
const SQLSTATE_UNAVAILABLE = /^(08...|57P0[1-4]|53...|57014|55P03)$/;
/** pg and pg-pool raise plain Errors without a code for these. */
const DRIVER_MESSAGES = /Query read timeout|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|Can't reach database server/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { name?: unknown; code?: unknown; message?: unknown; meta?: unknown; cause?: unknown; errorCode?: unknown };
    if (e.name === "PrismaClientInitializationError") return true;
    for (const code of [e.code, e.errorCode]) {
      if (typeof code !== "string") continue;
      if (PRISMA_UNAVAILABLE.has(code) || SOCKET_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code)) return true;
    }
    if (typeof e.message === "string" && DRIVER_MESSAGES.test(e.message)) return true;
    const adapterCause = (e.meta as { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } | undefined)?.driverAdapterError?.cause;
    if (adapterCause) {
      if (typeof adapterCause.originalCode === "string" && SQLSTATE_UNAVAILABLE.test(adapterCause.originalCode)) return true;
      if (adapterCause.kind === "DatabaseNotReachable" || adapterCause.kind === "ConnectionClosed" || adapterCause.kind === "SocketTimeout" || adapterCause.kind === "TooManyConnections") return true;
    }
    current = e.cause;
  }
  return false;
}

/** Seconds a client should wait before retrying (Retry-After). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_MESSAGE = "The database is not available right now. Try again in a few seconds.";
