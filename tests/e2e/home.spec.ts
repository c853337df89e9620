// Issue 14, part 2: the sign-in lands each role on its own home.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an owner lands on their models, most consequential first, and one click opens the form that fixes the top item", async ({ page }) => {
  await signIn(page, "owner");
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My models");
  const models = page.getByTestId("owner-model");
  expect(await models.count()).toBeGreaterThan(5);
  const ranks = await models.evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-rank"))));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  // the demo gives Omar high-risk models that are undocumented: they come before anything milder
  expect(ranks[0]).toBeLessThanOrEqual(1);
  const first = models.first();
  const modelKey = await first.getAttribute("data-model");
  const link = first.getByTestId("owner-item").first().getByRole("link");
  const href = (await link.getAttribute("href"))!;
  expect(href).toContain(`/models/${modelKey}`);
  await link.click();
  if (href.includes("#fix-")) {
    const anchor = href.split("#")[1]!;
    await expect(page.locator(`details#${anchor}`)).toHaveAttribute("open", "");
  } else if (href.includes("/documentation#section-")) {
    const section = href.split("#section-")[1]!;
    await expect(page.getByTestId(`section-form-${section}`)).toBeVisible();
  } else {
    await expect(page.locator("form").first()).toBeVisible();
  }
});

test("a compliance officer lands on the audit worklist, whose undocumented counts add up to the overview's", async ({ page }) => {
  await signIn(page, "compliance");
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit worklist");
  for (const id of ["worklist-reviews", "worklist-incidents", "worklist-undocumented", "worklist-overdue", "worklist-reclassifications"]) await expect(page.getByTestId(id)).toBeVisible();
  const counts = await page.getByTestId("worklist-undocumented").locator("ul").first().locator("a").allTextContents();
  const total = counts.map((t) => Number(t.trim().split(" ")[0])).reduce((a, b) => a + b, 0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByTestId("figure-undocumented-value")).toHaveText(String(total));
});

test("an executive lands on the overview; an auditor on the inventory, the reports and the audit log", async ({ browser }) => {
  const exec = await (await browser.newContext()).newPage();
  await signIn(exec, "exec");
  await expect(exec).toHaveURL(/\/dashboard$/);
  const auditor = await (await browser.newContext()).newPage();
  await signIn(auditor, "auditor");
  await expect(auditor).toHaveURL(/\/home$/);
  for (const name of ["The inventory", "Reports", "The audit log"]) await expect(auditor.getByTestId("auditor-home").getByRole("link", { name })).toBeVisible();
  await auditor.getByTestId("auditor-home").getByRole("link", { name: "The audit log" }).click();
  await expect(auditor).toHaveURL(/\/audit-log$/);
});
