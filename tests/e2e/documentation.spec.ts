// Issue 14, documentation: the owner journey ("Must show") and the editor's safety nets.
import { expect, test, type Page } from "@playwright/test";
import { closeDb, db } from "./api/support";
import { seriousViolations, signIn } from "./helpers";

// A documented high-risk model of Omar's (the demo "owner"). The journey first empties four of its
// mandatory sections, so it becomes his most consequential model (high-risk, undocumented, with more
// mandatory items open than any other), and he documents it back from what Dossier knows.
const MODEL = "affordability-assessment-mortgages";
const EMPTIED = ["annex-iv-4-performance-metrics", "annex-iv-5-risk-management", "annex-iv-6-lifecycle-changes", "annex-iv-9-post-market-monitoring"];

/** What the owner adds to each draft: the points Dossier has no record of, in their own words. */
const OWNER_ADDS: Record<string, string> = {
  "annex-iv-5-risk-management":
    "## Measures\n- Adopted measures: every decline of a thin-file applicant goes to manual review, and the 18-24 band stays re-weighted.\n- Testing: out-of-time back-tests and the fairness tests above before every release.",
};

test.afterAll(closeDb);

async function emptySections(key: string, sections: string[]) {
  await db().query(`UPDATE "DocumentationSection" SET content = '', status = 'EMPTY', "updatedAt" = now() WHERE "sectionKey" = ANY($2) AND "modelId" = (SELECT id FROM "Model" WHERE key = $1)`, [
    key,
    sections,
  ]);
}

/** The owner's edit of a draft: the TODO prompts give way to what they write. */
function edit(draft: string, sectionKey: string): string {
  const kept = draft
    .split("\n")
    .filter((l) => !l.includes("TODO") && l.trim() !== "## Still to write")
    .join("\n")
    .trim();
  return `${kept}\n\n${OWNER_ADDS[sectionKey] ?? "Reviewed by the technical owner against the registry on the day of saving."}\n`;
}

async function documentFromFacts(page: Page, sectionKey: string) {
  const form = page.getByTestId(`section-form-${sectionKey}`);
  await form.getByRole("button", { name: "Draft from what Dossier knows" }).click();
  await expect(page.getByTestId(`section-notice-${sectionKey}`)).toContainText("Drafted from what Dossier knows");
  const draft = await form.getByLabel("Content").inputValue();
  expect(draft.length).toBeGreaterThan(100);
  await form.getByLabel("Content").fill(edit(draft, sectionKey));
  await expect(page.getByTestId(`guidance-verdict-${sectionKey}`)).toContainText("Addresses every guidance point");
  await form.getByLabel("Status").selectOption("COMPLETE");
  await form.getByRole("button", { name: "Save section" }).click();
  await expect(form.getByText("Saved (complete).")).toBeVisible();
  await expect(page.getByTestId(`nav-${sectionKey}`)).toHaveAttribute("data-progress", "complete");
}

test("an owner lands on their models, opens the most consequential item, drafts from facts, edits, saves, and the model becomes documented", async ({ page }) => {
  test.setTimeout(120_000);
  await emptySections(MODEL, EMPTIED);
  await signIn(page, "owner");
  await expect(page).toHaveURL(/\/home$/);
  const first = page.getByTestId("owner-model").first();
  await expect(first).toHaveAttribute("data-model", MODEL);
  await expect(first).toContainText("High-risk and undocumented");

  // the top item opens the documentation page at the section that fixes it
  await first.getByTestId("owner-item").first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/models/${MODEL}/documentation#section-annex-iv-`));
  const navigator = page.getByTestId("section-navigator");
  const needed = await navigator.locator("li[data-progress]").evaluateAll((els) => els.filter((e) => !e.textContent?.includes("(not required)")).length);
  await expect(page.getByTestId("documentation-progress")).toContainText(`${needed - EMPTIED.length} of ${needed}`);
  for (const key of EMPTIED) await expect(page.getByTestId(`nav-${key}`)).toHaveAttribute("data-progress", "missing");

  // the first section: the draft, seen in the preview as formatted text, then edited and saved
  const firstKey = page.url().split("#section-")[1]!;
  expect(EMPTIED).toContain(firstKey);
  await page.getByTestId(`section-form-${firstKey}`).getByRole("button", { name: "Draft from what Dossier knows" }).click();
  await page.getByTestId(`section-form-${firstKey}`).getByRole("tab", { name: "Preview" }).click();
  const preview = page.getByTestId(`preview-${firstKey}`);
  await expect(preview.locator("li").first()).toBeVisible();
  await expect(preview).not.toContainText("**");
  await expect(preview).not.toContainText("## ");
  await page.getByTestId(`section-form-${firstKey}`).getByRole("tab", { name: "Write" }).click();
  await documentFromFacts(page, firstKey);

  // the others, one after the other from the navigator
  for (const key of EMPTIED.filter((k) => k !== firstKey)) {
    await page.getByTestId(`nav-${key}`).getByRole("link").click();
    await documentFromFacts(page, key);
  }
  await expect(page.getByTestId("documentation-progress")).toContainText(`${needed} of ${needed}`);
  await expect(page.getByTestId("documentation-progress")).toContainText("(100%)");

  await page.getByRole("link", { name: /^← / }).click();
  await expect(page.getByTestId("documentation-status")).toHaveText("Documented");
});

test("unsaved text survives leaving the page (with a warning) and is cleared once saved", async ({ page }) => {
  await signIn(page, "owner");
  const url = `/models/${MODEL}/documentation`;
  await page.goto(url);
  const sectionKey = "annex-iv-6-lifecycle-changes";
  const form = page.getByTestId(`section-form-${sectionKey}`);
  const saved = await form.getByLabel("Content").inputValue();
  const typed = `${saved}\n\nA sentence typed but not yet saved.`;
  // typed by hand (the browser asks before leaving only a page the user has interacted with)
  await form.getByLabel("Content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n\nA sentence typed but not yet saved.");
  await expect(form.getByLabel("Content")).toHaveValue(typed);

  const warnings: string[] = [];
  page.on("dialog", (dialog) => {
    warnings.push(dialog.type());
    void dialog.accept();
  });
  await page.goto("/home");
  expect(warnings).toEqual(["beforeunload"]);

  await page.goto(url);
  await expect(page.getByTestId(`section-notice-${sectionKey}`)).toContainText("Unsaved text restored");
  await expect(form.getByLabel("Content")).toHaveValue(typed);
  await form.getByLabel("Status").selectOption("COMPLETE");
  await form.getByRole("button", { name: "Save section" }).click();
  await expect(form.getByText("Saved (complete).")).toBeVisible();

  await page.reload();
  await expect(form.getByLabel("Content")).toHaveValue(typed);
  await expect(page.getByTestId(`section-notice-${sectionKey}`)).toHaveCount(0);
  expect(warnings).toEqual(["beforeunload"]);

  // text typed against a version someone else has since replaced is offered, not put over theirs
  await form.getByLabel("Content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Typed against the old version.");
  await db().query(`UPDATE "DocumentationSection" SET content = content || ' Their change.', "updatedAt" = now() WHERE "sectionKey" = $2 AND "modelId" = (SELECT id FROM "Model" WHERE key = $1)`, [
    MODEL,
    sectionKey,
  ]);
  await page.reload();
  expect(warnings).toEqual(["beforeunload", "beforeunload"]);
  await expect(form.getByLabel("Content")).toHaveValue(`${typed} Their change.`);
  await expect(page.getByTestId(`section-notice-${sectionKey}`)).toContainText("before someone saved a newer version");
  await page.getByTestId(`section-notice-${sectionKey}`).getByRole("button", { name: "Use my unsaved text" }).click();
  await expect(form.getByLabel("Content")).toHaveValue(`${typed} Typed against the old version.`);
  await expect(page.getByTestId(`section-notice-${sectionKey}`)).toContainText("Unsaved text restored");
});

test("the documentation page with its guidance, a draft and the preview open has no serious or critical accessibility violation", async ({ page }) => {
  await signIn(page, "owner");
  await page.goto(`/models/${MODEL}/documentation`);
  const sectionKey = "annex-iv-2-development";
  const section = page.getByTestId(`section-${sectionKey}`);
  await section.locator("summary").click();
  await expect(section.locator("blockquote")).toBeVisible();
  await section.getByRole("button", { name: "Draft from what Dossier knows" }).click();
  await section.getByRole("tab", { name: "Preview" }).click();
  await expect(page.getByTestId(`preview-${sectionKey}`).locator("table")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
