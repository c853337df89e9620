// The audit log's chain verification through the built app: the page's "Verify the hash chain" and
// GET /api/v1/audit-log/verify, per role.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an auditor verifies the hash chain on the audit-log page and through the API", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/audit-log");
  await page.getByRole("link", { name: "Verify the hash chain" }).click();
  await expect(page.getByTestId("chain-verdict")).toContainText(/Chain intact: \d+ events verified\./);
  await expect(page.getByTestId("chain-breaks")).toHaveCount(0);
  const response = await page.request.get("/api/v1/audit-log/verify");
  expect(response.status()).toBe(200);
  const verdict = (await response.json()) as { ok: boolean; checked: number; breaks: unknown[]; breakCount: number; pending: number };
  expect(verdict).toMatchObject({ ok: true, breaks: [], breakCount: 0, pending: 0 });
  expect(verdict.checked).toBeGreaterThan(0);
});

test("a model owner may not verify the whole chain: no link on the page, 403 problem+json from the API", async ({ page }) => {
  await signIn(page, "owner");
  await page.goto("/audit-log");
  await expect(page.getByRole("link", { name: "Verify the hash chain" })).toHaveCount(0);
  const response = await page.request.get("/api/v1/audit-log/verify");
  expect(response.status()).toBe(403);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
});
