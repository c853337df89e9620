// Issue 14, part 1: charts that fit their numbers, a printable overview, "what is missing" links that
// open the form that fixes the item, and the documentation editor's guidance checklist.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const run = Date.now().toString(36);

test("overview charts show every label and number whole at 1024, 1280 and 1920 px, and the overview prints without navigation", async ({ page }) => {
  await signIn(page, "exec");
  for (const width of [1024, 1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/dashboard");
    const texts = page.locator(".bar-chart .bar-label, .bar-chart .bar-value");
    expect(await texts.count()).toBeGreaterThan(5);
    for (const el of await texts.all()) {
      // not clipped: the text's own width fits its box, and the box lies inside its chart
      const fits = await el.evaluate((node) => {
        const chart = node.closest(".bar-chart")!.getBoundingClientRect();
        const box = node.getBoundingClientRect();
        return node.scrollWidth <= Math.ceil(box.width) && box.left >= chart.left - 0.5 && box.right <= chart.right + 0.5 && box.width > 0;
      });
      expect(fits, `${await el.textContent()} at ${width}px`).toBe(true);
    }
    // the numbers are the real ones, whole (e.g. "59/148", not "5")
    const coverage = await page.getByTestId("coverage-table").locator("tbody tr").first().locator("td").allTextContents();
    const firstValue = await page.locator(".bar-chart").first().locator(".bar-value").first().textContent();
    expect(firstValue).toBe(`${coverage[2]}/${coverage[1]}`);
  }
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("aside.sidebar")).toBeHidden();
  await expect(page.getByTestId("coverage-table")).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(page.locator("aside.sidebar")).toBeVisible();
});

test("a missing item's link opens the form that fixes it, with the focus in its first field", async ({ page }) => {
  const key = `e2e-fix-${run}`;
  await signIn(page, "owner");
  await page.goto("/models/new");
  await page.getByLabel("Key (stable identifier used in URLs and the API)").fill(key);
  await page.getByLabel("Name").fill(`E2E fix links ${run}`);
  await page.getByLabel("Intended purpose").fill("Ranks leads for the sales team.");
  await page.getByLabel("Lifecycle").selectOption("PRODUCTION");
  await page.getByLabel("Our role under the AI Act").selectOption("PROVIDER");
  await page.getByLabel("Business owner (email)").fill("hannah.schmidt@northwind.example");
  await page.getByRole("button", { name: "Register model" }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${key}$`));
  try {
    await fixLinksJourney(page, key);
  } finally {
    // leave the demo's production counts as they were for the specs that follow, even on failure
    await page.goto(`/models/${key}/edit`);
    await page.getByLabel("Lifecycle").selectOption("RETIRED");
    await page.getByRole("button", { name: /Save/ }).click();
    await expect(page).toHaveURL(new RegExp(`/models/${key}$`));
  }
});

async function fixLinksJourney(page: Page, key: string) {
  // no version yet: the drill item leads to the version form first
  await page.locator('[data-item="MLOPS_ROLLBACK_DRILL"] a').click();
  await expect(page.getByTestId("version-form")).toBeVisible();
  await expect(page.getByTestId("version-form").getByLabel("Version label")).toBeFocused();
  await page.getByTestId("version-form").getByLabel("Version label").fill("1.0.0");
  await page.getByTestId("version-form").getByLabel("This is the serving version").check();
  await page.getByTestId("version-form").getByRole("button", { name: "Add version" }).click();
  await expect(page.getByTestId("version-form").getByText(/saved|added|recorded/i)).toBeVisible();

  // with a version, the drill item opens the drill form, and the monitoring item the monitoring form
  await page.goto(`/models/${key}`);
  await page.locator('[data-item="MLOPS_ROLLBACK_DRILL"] a').click();
  await expect(page.getByTestId("drill-form")).toBeVisible();
  await expect(page.getByTestId("drill-form").getByLabel("Version rolled back")).toBeFocused();
  await page.goto(`/models/${key}`);
  await page.locator('[data-item="MLOPS_DRIFT_MONITORING"] a').click();
  await expect(page.getByTestId("monitoring-form")).toBeVisible();
}

test("the documentation editor shows what is still thin, and refuses to mark 'ok' complete without losing it", async ({ page }) => {
  await signIn(page, "owner");
  // a demo model of Omar's; nothing is saved (the refusal writes nothing, the good text is only typed)
  await page.goto("/models/credit-scoring-personal-loans-germany/documentation");
  const form = page.locator('[data-testid^="section-form-"]').first();
  const sectionKey = (await form.getAttribute("data-testid"))!.replace("section-form-", "");
  await form.getByLabel("Content").fill("ok");
  await expect(page.getByTestId(`guidance-verdict-${sectionKey}`)).toContainText("Still thin");
  await form.getByLabel("Status").selectOption("COMPLETE");
  await form.getByRole("button", { name: "Save section" }).click();
  await expect(form.getByText(/Still thin: at least 40 words \(now 1\)/)).toBeVisible();
  await expect(form.getByLabel("Content")).toHaveValue("ok");
  await expect(page.getByTestId(`guidance-${sectionKey}`).locator("li.guidance-thin").first()).toBeVisible();
});

test("an officer corrects a mistaken bias assessment and the history shows both", async ({ page }) => {
  const key = `e2e-bias-${run}`;
  await signIn(page, "compliance");
  await page.goto("/models/new");
  await page.getByLabel("Key (stable identifier used in URLs and the API)").fill(key);
  await page.getByLabel("Name").fill(`E2E bias correction ${run}`);
  await page.getByLabel("Intended purpose").fill("Pre-screens loan applications.");
  await page.getByLabel("Lifecycle").selectOption("VALIDATION");
  await page.getByLabel("Business owner (email)").fill("hannah.schmidt@northwind.example");
  await page.getByRole("button", { name: "Register model" }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${key}$`));

  await page.goto(`/models/${key}#fix-version`);
  const version = page.getByTestId("version-form");
  await version.getByLabel("Version label").fill("2.0.0");
  await version.getByLabel("This is the serving version").check();
  await version.getByRole("button", { name: "Add version" }).click();
  await expect(version.getByText("Version recorded.")).toBeVisible();

  await page.goto(`/models/${key}#fix-bias`);
  const bias = page.getByTestId("bias-form");
  await bias.getByLabel("Methodology").fill("Four-fifths rule on approval rates, 2025 applications.");
  await bias.getByLabel("Protected attributes (comma-separated)").fill("sex");
  await bias.getByLabel("Metric 1").selectOption("disparate_impact_ratio");
  await bias.getByLabel("Groups compared 1").fill("female vs male");
  await bias.getByLabel("Value 1").fill("0.06");
  await bias.getByLabel("Threshold 1").fill("0.8");
  await bias.getByRole("button", { name: "Record assessment" }).click();
  await expect(bias.getByText("Bias assessment recorded.")).toBeVisible();

  await page.goto(`/models/${key}`);
  await expect(page.locator("#bias")).toContainText("fail");
  await page.getByTestId("bias-correction").getByText("Correct or withdraw this assessment").click();
  const correct = page.getByTestId("bias-correct-form");
  await expect(correct.getByLabel("Value 1")).toHaveValue("0.06");
  await correct.getByLabel("What was wrong (kept in the history)").fill("The ratio was typed as 0.06 instead of 0.96.");
  await correct.getByLabel("Value 1").fill("0.96");
  await correct.getByRole("button", { name: "Save correction" }).click();
  await expect(correct.getByText("Assessment corrected")).toBeVisible();

  await page.reload();
  const change = page.getByTestId("bias-change");
  await expect(change).toContainText("Corrected");
  await expect(change).toContainText("Chloé Dubois");
  await expect(change).toContainText("Before: ");
  await expect(change).toContainText("0.06 (threshold 0.8, fail)");
  await expect(change).toContainText("0.96 (threshold 0.8, pass)");
  await expect(page.locator("#bias table")).toContainText("pass");
  await expect(page.locator("#history")).toContainText("bias_assessment.correct");
});
