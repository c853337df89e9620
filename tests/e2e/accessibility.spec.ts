// Issue 14: axe-core over every page type, for every role, with zero serious or critical violations
// (WCAG 2.0/2.1 A and AA rules).
import { expect, test } from "@playwright/test";
import { seriousViolations, signIn } from "./helpers";

const MODEL = "credit-scoring-personal-loans-germany";
const COMMON = ["/home", "/dashboard", "/models", `/models/${MODEL}`, `/models/${MODEL}/documentation`, "/datasets", "/reports", "/inbox", "/settings/notifications", "/api-docs"];
const PAGES: Record<string, string[]> = {
  owner: [...COMMON, `/models/${MODEL}/edit`, `/models/${MODEL}/classification`, "/models/new", "/audit-log"],
  compliance: [...COMMON, "/reviews", "/audit-log", "/imports", `/models/${MODEL}/classification`],
  exec: COMMON.filter((p) => p !== "/home"),
  auditor: [...COMMON, "/audit-log"],
  admin: ["/home", "/admin/users", "/admin/tokens", "/datasets/new"],
};

test("the sign-in page has no serious or critical accessibility violation", async ({ page }) => {
  await page.goto("/signin");
  expect(await seriousViolations(page)).toEqual([]);
});

for (const [who, paths] of Object.entries(PAGES)) {
  test(`every page type as ${who}: no serious or critical accessibility violation`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, who);
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
    }
    expect(found).toEqual([]);
  });
}
