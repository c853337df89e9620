import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { SECTION_TEXTS } from "../fixtures/section-texts";

const run = Date.now().toString(36);

async function answer(page: Page, questionId: string, role: "radio" | "checkbox", name: RegExp) {
  await page.locator(`[data-question="${questionId}"]`).getByRole(role, { name }).check();
}

async function saveSection(page: Page, sectionKey: string, text: string) {
  const form = page.getByTestId(`section-form-${sectionKey}`);
  await form.getByLabel("Content").fill(text);
  await form.getByLabel("Status").selectOption("COMPLETE");
  await form.getByRole("button", { name: "Save section" }).click();
  await expect(form.getByText("Saved (complete).")).toBeVisible();
}

test("an owner documents a new model until the engine counts it documented; the officer approves", async ({ browser }) => {
  test.setTimeout(180_000);
  const key = `e2e-assistant-${run}`;
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, "owner");

  // register
  await owner.goto("/models/new");
  await owner.getByLabel("Key (stable identifier used in URLs and the API)").fill(key);
  await owner.getByLabel("Name").fill("E2E branch appointment assistant");
  await owner.getByLabel("Intended purpose").fill("Answers customers' questions about branch appointments and books them.");
  await owner.getByLabel("Lifecycle").selectOption("VALIDATION");
  await owner.getByLabel("Our role under the AI Act").selectOption("PROVIDER");
  await owner.getByLabel("Business owner (email)").fill("hannah.schmidt@northwind.example");
  await owner.getByRole("button", { name: "Register model" }).click();
  await expect(owner).toHaveURL(new RegExp(`/models/${key}$`));
  await expect(owner.getByTestId("missing-panel")).toContainText("Risk classification");

  // classify: a provider's chatbot → limited risk with the Art. 50(1) duty
  await owner.getByRole("link", { name: "Classify" }).click();
  await answer(owner, "scope.ai-system", "radio", /^Yes/);
  await answer(owner, "scope.exclusion", "checkbox", /^No exclusion applies/);
  await answer(owner, "role", "radio", /^Provider/);
  await answer(owner, "art5.practices", "checkbox", /^None of these/);
  await answer(owner, "gpai.model", "radio", /^No/);
  await answer(owner, "annex-i.product", "checkbox", /^No Annex I product/);
  await answer(owner, "annex-iii.areas", "checkbox", /^None of these areas/);
  await answer(owner, "art50.cases", "checkbox", /^It interacts directly with natural persons/);
  await answer(owner, "art50.exemption-1", "radio", /^No exemption applies/);
  await expect(owner.getByTestId("classification-preview")).toContainText("Result so far: LIMITED");
  await owner.getByRole("button", { name: "Propose classification" }).click();
  await expect(owner.getByTestId("form-saved")).toContainText("Proposed");

  // document what the engine asks for
  await owner.goto(`/models/${key}/documentation`);
  await saveSection(owner, "transparency-disclosure", SECTION_TEXTS["transparency-disclosure"]);
  await saveSection(owner, "ai-literacy", SECTION_TEXTS["ai-literacy"]);
  await owner.goto(`/models/${key}`);
  // only the officer's confirmation is missing now
  await expect(owner.getByTestId("missing-item")).toHaveCount(1);
  await expect(owner.getByTestId("missing-item")).toContainText("Risk classification");

  // the officer confirms the classification
  const officer = await (await browser.newContext()).newPage();
  await signIn(officer, "compliance");
  await officer.goto(`/models/${key}`);
  await officer.getByRole("button", { name: "Confirm classification" }).click();
  // the page re-renders with the confirmed classification (the button gives way)
  await expect(officer.locator("#classification")).toContainText("confirmed");
  await expect(officer.getByRole("button", { name: "Confirm classification" })).toHaveCount(0);

  // the owner sees a documented model and submits it
  await owner.reload();
  await expect(owner.getByTestId("nothing-missing")).toBeVisible();
  await expect(owner.getByTestId("documentation-status")).toHaveText("Documented");
  await owner.getByTestId("submit-review-form").getByRole("button", { name: "Submit for review" }).click();
  await expect(owner.getByTestId("review-row").first()).toContainText("submitted");
  await expect(owner.getByTestId("review-confirmation")).toContainText("Submitted for review");

  // the officer finds it in the queue and approves
  await officer.goto("/reviews");
  await officer.getByTestId("review-queue").getByRole("link", { name: "E2E branch appointment assistant" }).click();
  await officer.getByTestId("decide-review-form").getByRole("button", { name: "Approve" }).click();
  // the decision re-renders the page: the form gives way to the decided review
  await expect(officer.getByTestId("review-row").first()).toContainText("approved");
  await expect(officer.getByTestId("decide-review-form")).toHaveCount(0);
  await expect(officer.getByTestId("review-confirmation")).toContainText("Approved");
  await officer.reload();
  await expect(officer.getByTestId("review-row").first()).toContainText("Chloé Dubois");
});

test("executives and auditors read everything, but every edit route answers 403", async ({ page }) => {
  for (const who of ["exec", "auditor"]) {
    await signIn(page, who);
    const model = "credit-scoring-personal-loans-uk";
    expect((await page.goto(`/models/${model}`))?.status()).toBe(200);
    await expect(page.getByTestId("manage-panels")).toHaveCount(0);
    for (const path of [`/models/${model}/edit`, `/models/${model}/classification`, "/models/new", "/datasets/new"]) {
      expect((await page.goto(path))?.status(), `${who} ${path}`).toBe(403);
    }
    // documentation is readable, without editors
    expect((await page.goto(`/models/${model}/documentation`))?.status()).toBe(200);
    await expect(page.getByRole("button", { name: "Save section" })).toHaveCount(0);
    await page.context().clearCookies();
  }
});

test("an owner cannot edit a model someone else owns", async ({ page }) => {
  await signIn(page, "owner");
  const other = "card-fraud-detection-debit-cards"; // Payments: not Omar's
  await page.goto(`/models/${other}`);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  expect((await page.goto(`/models/${other}/edit`))?.status()).toBe(403);
  expect((await page.goto(`/models/${other}/classification`))?.status()).toBe(403);
  await page.goto(`/models/${other}/documentation`);
  await expect(page.getByRole("button", { name: "Save section" })).toHaveCount(0);
});

test("two browsers edit the same model: the second save is refused and keeps its input", async ({ browser }) => {
  const key = "credit-scoring-personal-loans-germany";
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signIn(first, "owner");
  await signIn(second, "compliance");
  await first.goto(`/models/${key}/edit`);
  await second.goto(`/models/${key}/edit`);
  const original = await first.getByLabel("Description").inputValue();
  await first.getByLabel("Description").fill(`${original} First edit ${run}.`);
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first).toHaveURL(new RegExp(`/models/${key}$`));

  await second.getByLabel("Description").fill(`Second edit ${run}, typed carefully.`);
  await second.getByRole("button", { name: "Save changes" }).click();
  await expect(second.getByTestId("form-error")).toContainText("Someone else saved this model");
  await expect(second.getByLabel("Description")).toHaveValue(`Second edit ${run}, typed carefully.`);
  await first.goto(`/models/${key}/edit`);
  await expect(first.getByLabel("Description")).toHaveValue(`${original} First edit ${run}.`);
  // put the demo model back as it was
  await first.getByLabel("Description").fill(original);
  await first.getByRole("button", { name: "Save changes" }).click();
  await expect(first).toHaveURL(new RegExp(`/models/${key}$`));
});

test("bad input gets field-level messages or a 404, never a 500", async ({ page }) => {
  await signIn(page, "owner");
  await page.goto("/models/new");
  await page.getByLabel("Key (stable identifier used in URLs and the API)").fill("Not A Key!");
  await page.getByLabel("Name").fill("x".repeat(201));
  // a tampered enum, as a crafted request would send it
  await page.getByLabel("Lifecycle").evaluate((el) => {
    const select = el as HTMLSelectElement;
    select.add(new Option("Someday", "SOMEDAY"));
    select.value = "SOMEDAY";
  });
  await page.getByRole("button", { name: "Register model" }).click();
  await expect(page.getByText("Use 1-80 lowercase letters")).toBeVisible();
  await expect(page.getByText("At most 200 characters.")).toBeVisible();
  await expect(page.getByText("Choose development, validation, production or retired.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("x".repeat(201));

  await page.getByLabel("Name").fill("");
  await page.getByLabel("Key (stable identifier used in URLs and the API)").fill(`e2e-bad-${run}`);
  await page.getByLabel("Lifecycle").selectOption("DEVELOPMENT");
  await page.getByRole("button", { name: "Register model" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();

  // uploads: wrong type and too large are refused with a field message
  const model = "credit-scoring-personal-loans-uk"; // Omar is its technical owner
  await page.goto(`/models/${model}/documentation`);
  const form = page.getByTestId("evidence-form-annex-iv-1-general-description");
  await form.locator('input[type="file"]').setInputFiles({ name: "tool.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") });
  await form.getByRole("button", { name: "Upload evidence" }).click();
  await expect(form.getByText(/Accepted: \.pdf/)).toBeVisible();
  await form.locator('input[type="file"]').setInputFiles({ name: "huge.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
  await form.getByRole("button", { name: "Upload evidence" }).click();
  await expect(form.getByText("Files may be at most 10 MB.")).toBeVisible();
  await form.locator('input[type="file"]').setInputFiles({ name: "evidence.txt", mimeType: "text/plain", buffer: Buffer.from(`evidence ${run}`) });
  await form.getByRole("button", { name: "Upload evidence" }).click();
  await expect(form.getByText(/Uploaded evidence\.txt \(sha256/)).toBeVisible();

  // malformed ids in URLs
  for (const path of ["/models/NOT_A_KEY", "/models/does-not-exist", "/datasets/not-a-uuid", "/datasets/00000000-0000-4000-8000-000000000000", `/models/${model}/evidence/nope`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
  }
});

test("the model page offers the dossier: the download is a PDF of that model", async ({ page }) => {
  await signIn(page, "auditor");
  await page.goto("/models/card-fraud-detection-debit-cards");
  const download = page.waitForEvent("download", { timeout: 90_000 });
  await page.getByTestId("dossier-actions").getByRole("button", { name: "Download dossier (PDF)" }).click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  expect(readFileSync(file!).subarray(0, 5).toString()).toBe("%PDF-");
  const { execFileSync } = await import("node:child_process");
  expect(execFileSync("pdftotext", ["-layout", file!, "-"], { encoding: "utf8" })).toContain("Card fraud detection");
});
