// One validated env module: lib/env.ts turns a malformed variable into an error that names it (an unset
// one is the documented default). The lint rule that keeps lib/ reading it: dependency-direction.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { env } from "@/lib/env";

describe("typed accessors", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of ["DOSSIER_API_RATE_LIMIT", "DOSSIER_DIGEST_HOUR", "SMTP_URL", "DOSSIER_SCAN_CRON", "DOSSIER_API_IMPORT_BODY_LIMIT_MB"]) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  });

  it("unset or blank is the default; a valid value is read at each call", () => {
    delete process.env.DOSSIER_API_RATE_LIMIT;
    expect(env.apiRateLimitPerMinute()).toBe(600);
    process.env.DOSSIER_API_RATE_LIMIT = " ";
    expect(env.apiRateLimitPerMinute()).toBe(600);
    process.env.DOSSIER_API_RATE_LIMIT = "42";
    expect(env.apiRateLimitPerMinute()).toBe(42);
    process.env.DOSSIER_API_IMPORT_BODY_LIMIT_MB = "0.5";
    expect(env.importBodyLimitMb()).toBe(0.5);
  });

  it.each([
    ["DOSSIER_API_RATE_LIMIT", "lots", () => env.apiRateLimitPerMinute()],
    ["DOSSIER_API_RATE_LIMIT", "0", () => env.apiRateLimitPerMinute()],
    ["DOSSIER_API_RATE_LIMIT", "1.5", () => env.apiRateLimitPerMinute()],
    ["DOSSIER_SCAN_CRON", "every minute", () => env.jobs()],
    ["DOSSIER_API_IMPORT_BODY_LIMIT_MB", "-1", () => env.importBodyLimitMb()],
  ] as const)("%s=%s is an error naming the variable", (name, value, read) => {
    process.env[name] = value;
    expect(read).toThrow(new RegExp(`^Configuration: ${name}=`));
  });

  it("email is off without SMTP_URL; with it, a digest hour outside 0-23 is refused", () => {
    delete process.env.SMTP_URL;
    expect(env.mail()).toBeNull();
    process.env.SMTP_URL = "smtp://localhost:2525";
    process.env.DOSSIER_DIGEST_HOUR = "0";
    expect(env.mail()).toMatchObject({ smtpUrl: "smtp://localhost:2525", digestHourUtc: 0 });
    process.env.DOSSIER_DIGEST_HOUR = "24";
    expect(() => env.mail()).toThrow(/DOSSIER_DIGEST_HOUR/);
  });
});
