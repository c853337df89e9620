import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "./helpers";

const KEY = `imp-ui-${Date.now().toString(36)}`;

test.afterAll(async () => {
  const db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  await db.query(`DELETE FROM "Model" WHERE key LIKE $1`, [`${KEY}%`]);
  await db.end();
});

test("an owner checks a CSV with a dry run, then imports it and sees the per-row report", async ({ page }) => {
  await signIn(page, "owner");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/imports$/);
  const csv = `key,name,lifecycle\r\n${KEY},UI import,DEVELOPMENT\r\n${KEY}-bad,,DEVELOPMENT\r\n`;
  await page.locator('input[name="file"]').setInputFiles({ name: "models.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("1 created · 0 updated · 0 unchanged · 1 rejected");
  await expect(page.getByText("Dry run: nothing was written")).toBeVisible();
  await expect(page.locator('[data-testid="import-row"][data-outcome="rejected"]')).toContainText("name");

  await page.getByLabel(/Dry run/).uncheck();
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("heading", { name: "Imported" })).toBeVisible();
  await expect(page.getByTestId("import-summary")).toHaveText("1 created · 0 updated · 0 unchanged · 1 rejected");
  await page.goto(`/models/${KEY}`);
  await expect(page.getByRole("heading", { name: "UI import" })).toBeVisible();
});

test("executives and auditors do not get the import page", async ({ page }) => {
  await signIn(page, "exec");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import" })).toHaveCount(0);
  const res = await page.goto("/imports");
  expect(res?.status()).toBe(403);
});
