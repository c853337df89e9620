// Issue 14, accessibility: the journeys a keyboard user must be able to finish — sign in, document a
// section, approve a review — with Tab / Shift+Tab / Enter / Space only (no mouse), and a visible focus
// indicator on every control they pass through.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, demoEmail } from "./helpers";

/** Press Tab (or Shift+Tab) until the target has the focus, checking the focus is visible on the way. */
async function tabTo(page: Page, target: Locator, { back = false, max = 150 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      await expectVisibleFocus(page);
      return;
    }
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    await expectVisibleFocus(page);
  }
  throw new Error(`could not reach ${target} with ${back ? "Shift+Tab" : "Tab"} in ${max} presses`);
}

/** The focused control draws an outline (globals.css :focus-visible). */
async function expectVisibleFocus(page: Page) {
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return { what: `${el.tagName} ${el.textContent?.slice(0, 40) ?? ""}`, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  if (!focus || focus.what.startsWith("SECTION")) return; // nothing, or a scroll target (not a control)
  expect(focus.outline, focus.what).not.toBe("none");
  expect(focus.width, focus.what).toBeGreaterThan(0);
}

async function signInByKeyboard(page: Page, local: string) {
  await page.goto("/signin");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(demoEmail(local));
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toContainText(demoEmail(local));
}

test("sign in with the keyboard alone", async ({ page }) => {
  await signInByKeyboard(page, "owner");
  await expect(page).toHaveURL(/\/home$/);
});

test("document a section with the keyboard alone: navigator, draft from facts, preview, status, save", async ({ page }) => {
  const model = "affordability-assessment-overdrafts-nordics";
  const sectionKey = "annex-iv-6-lifecycle-changes";
  await signInByKeyboard(page, "owner");
  await page.goto(`/models/${model}/documentation`);
  const navLink = page.getByTestId(`nav-${sectionKey}`).getByRole("link");
  await tabTo(page, navLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`#section-${sectionKey}$`));

  const form = page.getByTestId(`section-form-${sectionKey}`);
  await tabTo(page, form.getByRole("button", { name: "Draft from what Dossier knows" }));
  await page.keyboard.press("Enter");
  await expect(form.getByLabel("Content")).toHaveValue(/Changes over the lifecycle/);
  // back to the Preview tab, opened with Space
  await tabTo(page, form.getByRole("tab", { name: "Preview" }), { back: true });
  await page.keyboard.press("Space");
  await expect(page.getByTestId(`preview-${sectionKey}`).locator("h4").first()).toHaveText("Changes over the lifecycle");
  await tabTo(page, form.getByRole("tab", { name: "Write" }), { back: true });
  await page.keyboard.press("Enter");
  await tabTo(page, form.getByLabel("Content"));
  await page.keyboard.press("Control+End");
  await page.keyboard.type("\n\nChecked against the registry by the technical owner.");
  await tabTo(page, form.getByLabel("Status"));
  await page.keyboard.press("ArrowDown"); // Draft → Complete
  await expect(form.getByLabel("Status")).toHaveValue("COMPLETE");
  await tabTo(page, form.getByRole("button", { name: "Save section" }));
  await page.keyboard.press("Enter");
  await expect(form.getByText("Saved (complete).")).toBeVisible();
  await expect(page.getByTestId(`nav-${sectionKey}`)).toHaveAttribute("data-progress", "complete");
});

test("approve a review with the keyboard alone, as the compliance officer", async ({ page }) => {
  await signInByKeyboard(page, "compliance");
  await page.goto("/reviews");
  const link = page.getByTestId("review-queue").getByRole("link").first();
  const name = (await link.textContent())!;
  await tabTo(page, link);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  const decide = page.getByTestId("decide-review-form");
  await tabTo(page, decide.getByLabel(/Comment/));
  await page.keyboard.type("Checked with the keyboard only.");
  await tabTo(page, decide.getByRole("button", { name: "Approve" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("review-confirmation")).toContainText("Approved");
});
