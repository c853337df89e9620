import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["/dashboard", "/dashboard"],
    ["/models/credit-risk?tab=versions", "/models/credit-risk?tab=versions"],
    ["/reports#records", "/reports#records"],
    ["/models/a%20b", "/models/a%20b"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%255Cevil.example",
    "//evil.example",
    "//evil.example/dashboard",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%09/evil.example",
    "/%ff",
    "",
    " /dashboard",
    "/x".padEnd(3000, "x"),
  ])("refuses %j", (input) => {
    expect(safeCallbackPath(input)).toBeUndefined();
  });

  it("takes the first of repeated parameters and refuses non-strings", () => {
    expect(safeCallbackPath(["/models", "//evil"])).toBe("/models");
    expect(safeCallbackPath(["//evil", "/models"])).toBeUndefined();
    expect(safeCallbackPath(undefined)).toBeUndefined();
    expect(safeCallbackPath(42)).toBeUndefined();
  });
});
