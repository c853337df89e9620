import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the executive lands on the overview and follows the undocumented figure to exactly those models", async ({ page }) => {
  await signIn(page, "exec");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("production-count")).toHaveText("247 production models");
  await expect(page.getByTestId("figure-documented-value")).toHaveText("89");
  await expect(page.getByTestId("figure-undocumented-value")).toHaveText("158");
  // charts carry their numbers as text for assistive technology
  await expect(page.getByRole("img", { name: /Production models by monitoring status: / })).toBeVisible();
  await expect(page.getByTestId("trend")).toContainText("Documentation coverage");

  // the monitoring numbers on the page add up to the production count
  let monitored = 0;
  for (const s of ["NOT_MONITORED", "STALE", "CRITICAL", "WARNING", "HEALTHY"]) {
    monitored += Number((await page.getByTestId(`monitoring-${s}`).innerText()).split(" ")[0]);
  }
  expect(monitored).toBe(247);

  // the figures equal the inventory report's JSON (the document handed to an auditor)
  const report = await page.request.get("/api/v1/reports/inventory?format=json");
  expect(report.status()).toBe(200);
  const { summary } = (await report.json()) as {
    summary: { productionModels: number; documented: number; undocumented: number; byMonitoringStatus: Array<{ status: string; count: number }> };
  };
  expect(summary.productionModels).toBe(247);
  expect(Number(await page.getByTestId("figure-documented-value").innerText())).toBe(summary.documented);
  expect(Number(await page.getByTestId("figure-undocumented-value").innerText())).toBe(summary.undocumented);
  for (const { status, count } of summary.byMonitoringStatus) {
    expect(Number((await page.getByTestId(`monitoring-${status}`).innerText()).split(" ")[0]), status).toBe(count);
  }

  await page.getByTestId("figure-undocumented").click();
  await expect(page).toHaveURL(/\/models\?lifecycle=PRODUCTION&documented=no$/);
  await expect(page.getByTestId("inventory-total")).toContainText("158 models match.");
});

test("everyone has an inbox and notification settings", async ({ page }) => {
  await signIn(page, "auditor");
  await page.getByRole("link", { name: "Inbox", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await page.getByRole("link", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { name: "Notification settings" })).toBeVisible();
  const digest = page.getByLabel("Review approved: daily digest");
  const was = await digest.isChecked();
  await digest.setChecked(!was);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Review approved: daily digest")).toBeChecked({ checked: !was });
  // leave the demo account as it was
  await page.getByLabel("Review approved: daily digest").setChecked(was);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
});
