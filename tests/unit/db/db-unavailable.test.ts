// The shapes below were recorded from Prisma 6.19 + adapter-pg against a PostgreSQL 15 cluster that was
// stopped, frozen (SIGSTOP) or made to time out (tests/integration/db-outage.test.ts drives the real ones).
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db-unavailable";

const prismaError = (code: string, cause: Record<string, unknown>, message = "Invalid invocation") =>
  Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["server down (P1001)", prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }, "Can't reach database server at 127.0.0.1:5432")],
    ["server shutting down (57P01)", prismaError("P2010", { originalCode: "57P01", kind: "postgres", code: "57P01" })],
    ["statement timeout (57014)", prismaError("P2010", { originalCode: "57014", kind: "postgres", code: "57014" })],
    ["lock timeout (55P03)", prismaError("P2010", { originalCode: "55P03", kind: "postgres", code: "55P03" })],
    ["too many connections", prismaError("P2010", { kind: "TooManyConnections", cause: "sorry, too many clients already" })],
    ["frozen server: client-side query timeout", new Error("Query read timeout")],
    ["frozen server: connect timeout", new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated unexpectedly") })],
    ["pool wait timeout", new Error("timeout exceeded when trying to connect")],
    ["socket refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["Prisma transaction could not start (P2028)", Object.assign(new Error("Transaction API error"), { code: "P2028" })],
    ["wrapped in another error", new Error("render failed", { cause: new Error("Query read timeout") })],
  ])("%s → unavailable", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["unique violation", prismaError("P2002", { kind: "UniqueConstraintViolation" })],
    ["a bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["bad input reaching the database", prismaError("P2010", { originalCode: "22P02", kind: "postgres", code: "22P02" })],
    ["deadlock (a bug to fix, not an outage)", prismaError("P2010", { originalCode: "40P01", kind: "postgres", code: "40P01" })],
    ["not an error", "Query read timeout?"],
    ["null", null],
  ])("%s → not an outage", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("stops on a cause cycle", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    const b = new Error("b", { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
