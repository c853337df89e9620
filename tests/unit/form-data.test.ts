// runForm and runFormFor: how every server action turns a domain call into what its form shows.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { UNAVAILABLE_MESSAGE } from "@/lib/db-unavailable";
import { runForm, runFormFor } from "@/lib/form-data";

const forbidden = (): never => {
  throw new Error("403 page");
};
const values = { name: "typed" };

describe("runForm", () => {
  it("answers `saved` when the call succeeds", async () => {
    expect(await runForm(values, "Saved.", async () => 42, forbidden)).toEqual({ saved: "Saved." });
  });

  it("hands an AppError back as field and form errors with what the user typed; zod paths become field names", async () => {
    const outcome = await runForm(values, "Saved.", () => Promise.reject(new AppError("VALIDATION", "Check the fields.", { "metrics.0.value": ["Too big."] })), forbidden);
    expect(outcome).toEqual({ fieldErrors: { metrics_0_value: ["Too big."] }, formError: "Check the fields.", values });
  });

  it("sends FORBIDDEN to the page's 403, keeps the values through a database outage, and throws anything else", async () => {
    await expect(runForm(values, "Saved.", () => Promise.reject(new AppError("FORBIDDEN", "No.")), forbidden)).rejects.toThrow("403 page");
    const outage = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(await runForm(values, "Saved.", () => Promise.reject(outage), forbidden)).toEqual({ formError: UNAVAILABLE_MESSAGE, values });
    await expect(runForm(values, "Saved.", () => Promise.reject(new TypeError("bug")), forbidden)).rejects.toThrow("bug");
  });
});

describe("runFormFor", () => {
  it("gives the call's result on success, and runForm's outcome otherwise", async () => {
    expect(await runFormFor(values, async () => ({ id: "d-1" }), forbidden)).toEqual({ ok: true, result: { id: "d-1" } });
    // a call that succeeds with undefined still succeeded
    expect(await runFormFor(values, async () => undefined, forbidden)).toEqual({ ok: true, result: undefined });
    expect(await runFormFor(values, () => Promise.reject(new AppError("CONFLICT", "Changed meanwhile.")), forbidden)).toEqual({
      ok: false,
      outcome: { fieldErrors: undefined, formError: "Changed meanwhile.", values },
    });
  });
});
