// The licence check's verdicts on SPDX expressions (scripts/check-licences.ts).
import { describe, expect, it } from "vitest";
import { verdictOf } from "../../../scripts/check-licences";

describe("dependency licence verdicts", () => {
  it.each([
    ["MIT", "permissive"],
    ["(MIT OR CC0-1.0)", "permissive"],
    ["Apache-2.0 AND LGPL-3.0-or-later", "weak-copyleft"],
    ["MPL-2.0", "weak-copyleft"],
    ["GPL-3.0-only", "incompatible"],
    ["AGPL-3.0-or-later", "incompatible"],
    ["MIT AND GPL-2.0-only", "incompatible"],
    ["GPL-2.0-only OR MIT", "permissive"],
    ["UNKNOWN", "incompatible"],
  ])("%s → %s", (expression, verdict) => {
    expect(verdictOf(expression)).toBe(verdict);
  });
});
