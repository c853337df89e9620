import { describe, expect, it } from "vitest";
import { escapeLike, isCalendarDate } from "@/lib/validation";
import { modelFieldsSchema } from "@/lib/models/schemas";
import { createVersionSchema } from "@/lib/versions/schemas";

describe("isCalendarDate", () => {
  it.each([
    ["2026-02-28", true],
    ["2028-02-29", true],
    ["2000-02-29", true],
    ["2026-12-31T23:59:59Z", true],
    ["2026-06-01T10:00:00.123+02:00", true],
    ["2026-02-30", false],
    ["2027-02-29", false],
    ["1900-02-29", false],
    ["2026-04-31", false],
    ["2026-13-01", false],
    ["2026-00-10", false],
    ["0000-01-01", false],
    ["2026-01-01T24:00:00Z", false],
    ["31/01/2026", false],
    ["", false],
  ])("%s → %s", (text, ok) => expect(isCalendarDate(text)).toBe(ok));
});

describe("shared schemas refuse impossible dates instead of shifting them", () => {
  const base = { name: "x", lifecycle: "DEVELOPMENT" };
  it("nextReviewAt", () => {
    expect(modelFieldsSchema.safeParse({ ...base, nextReviewAt: "2026-02-30" }).success).toBe(false);
    const ok = modelFieldsSchema.parse({ ...base, nextReviewAt: "2026-03-02" });
    expect(ok.nextReviewAt?.toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(modelFieldsSchema.parse({ ...base, nextReviewAt: new Date("2026-01-01") }).nextReviewAt?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(modelFieldsSchema.parse({ ...base, nextReviewAt: null }).nextReviewAt).toBeNull();
  });
  it("deployedAt and version labels", () => {
    expect(createVersionSchema.safeParse({ version: "1", deployedAt: "2026-04-31" }).success).toBe(false);
    expect(createVersionSchema.safeParse({ version: "../x" }).success).toBe(false);
  });
});

describe("escapeLike", () => {
  it("escapes the LIKE wildcards and the escape character", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(escapeLike("plain")).toBe("plain");
  });
});
