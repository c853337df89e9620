// jsonEqual is the re-import's fast "this part did not change": it must never call equal what canonical
// JSON (the audit log's, and the fallback comparison's) tells apart, or a changed model would import as unchanged.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalJson } from "@/lib/audit-log/chain";
import { jsonEqual } from "@/lib/imports/inventory";

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.integer({ min: -3, max: 3 }),
    fc.constant(-0),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 3 }),
  ),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "b", "c"), tie("node"), { maxKeys: 3 })),
})).node;

describe("jsonEqual", () => {
  it("calls equal only what canonical JSON calls equal", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        if (jsonEqual(a, b)) expect(canonicalJson(a)).toBe(canonicalJson(b));
      }),
      { numRuns: 2000 },
    );
  });

  it("calls a value equal to its copy with the keys in the reverse order, and an undefined member absent", () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reversed(x)]),
            )
          : v;
    fc.assert(
      fc.property(value, (a) => {
        expect(jsonEqual(a, reversed(a))).toBe(true);
      }),
    );
    // a member more or less, or one value changed, is a change
    fc.assert(
      fc.property(value, value, (a, extra) => {
        if (extra === undefined) return;
        expect(jsonEqual({ x: a }, { x: a, y: extra })).toBe(false);
        expect(jsonEqual({ x: a, y: extra }, { x: a })).toBe(false);
        expect(jsonEqual([a, extra], [a])).toBe(false);
        if (canonicalJson(a) !== canonicalJson(extra)) expect(jsonEqual({ x: [a] }, { x: [extra] })).toBe(false);
      }),
    );
    expect(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: [] }, { a: {} })).toBe(false);
    expect(jsonEqual(new Date(0), new Date(1))).toBe(false);
  });
});
