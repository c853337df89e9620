// Corrections and withdrawals (issue 14): whatever a correction schema accepts names the revision the user
// saw and a reason, keeps the dates of an incident in Art. 73's order, and a drill's date and minutes together.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correctIncidentSchema } from "@/lib/incidents/incidents";
import { correctVersionSchema } from "@/lib/versions/schemas";
import { withdrawalSchema } from "@/lib/validation";
import { BULK_LIMIT, bulkFollowUpSchema } from "@/lib/follow-up/schemas";

const isoDay = fc.date({ min: new Date("2000-01-01"), max: new Date("2026-11-30"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const revision = fc.oneof(fc.integer({ min: -5, max: 2 ** 32 }).map(String), fc.constantFrom("", "1.5", "abc", "1e3"));
const reason = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("", "   ", "a\u0000b", "x".repeat(2001)));

describe("correction and withdrawal inputs (fast-check)", () => {
  it("a withdrawal needs a positive int4 revision and a non-blank storable reason", () => {
    fc.assert(
      fc.property(revision, reason, (r, why) => {
        const parsed = withdrawalSchema.safeParse({ revision: r, reason: why });
        const n = Number(r); // forms send text: "1e3" is revision 1000, "1.5" none
        const ok = Number.isInteger(n) && n >= 1 && n <= 2_147_483_647 && why.trim().length > 0 && why.trim().length <= 2000 && !why.includes("\u0000");
        expect(parsed.success).toBe(ok);
      }),
      { numRuns: 500, seed: 14 },
    );
  });

  it("a version correction keeps the drill's date and minutes together, never in the future", () => {
    fc.assert(
      fc.property(maybe(isoDay), maybe(fc.oneof(fc.double({ min: -10, max: 20_000, noNaN: true }).map(String), fc.constant(""))), (at, minutes) => {
        const parsed = correctVersionSchema.safeParse({ revision: "1", reason: "r", lastRollbackDrillAt: at, lastRollbackDrillMinutes: minutes === "" ? null : minutes });
        if (!parsed.success) return;
        const d = parsed.data;
        expect(d.lastRollbackDrillAt == null).toBe(d.lastRollbackDrillMinutes == null);
        if (d.lastRollbackDrillMinutes != null) expect(d.lastRollbackDrillMinutes > 0 && d.lastRollbackDrillMinutes <= 10_000).toBe(true);
        if (d.lastRollbackDrillAt) expect(d.lastRollbackDrillAt.getTime()).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
      }),
      { numRuns: 500, seed: 14 },
    );
  });

  it("an incident correction keeps occurrence ≤ awareness ≤ notification", () => {
    fc.assert(
      fc.property(isoDay, isoDay, maybe(isoDay), (occurredAt, awareAt, authorityNotifiedAt) => {
        const parsed = correctIncidentSchema.safeParse({
          revision: "2",
          reason: "r",
          title: "t",
          occurredAt,
          awareAt,
          authorityNotifiedAt: authorityNotifiedAt ?? null,
          severity: "HIGH",
          deadlineRule: "STANDARD",
          description: "d",
        });
        const ordered = occurredAt <= awareAt && (!authorityNotifiedAt || awareAt <= authorityNotifiedAt);
        expect(parsed.success).toBe(ordered);
      }),
      { numRuns: 500, seed: 14 },
    );
  });

  it("a bulk follow-up names at most BULK_LIMIT models, some model for 'selected', and what each action needs", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("assign-owner", "review-date", "request-update"),
        fc.constantFrom("selected", "all"),
        fc.integer({ min: 0, max: BULK_LIMIT + 3 }),
        fc.boolean(),
        (action, scope, n, withDetails) => {
          const keys = Array.from({ length: n }, (_, i) => `m-${i}`);
          const details = withDetails ? { ownerEmail: "a@b.example", ownerRole: "business", reviewDate: "2027-01-31" } : {};
          const parsed = bulkFollowUpSchema.safeParse({ action, scope, keys, ...details });
          const needsDetails = action !== "request-update";
          const ok = n <= BULK_LIMIT && (scope === "all" || n > 0) && (!needsDetails || withDetails);
          expect(parsed.success).toBe(ok);
        },
      ),
      { numRuns: 200, seed: 14 },
    );
  });
});
