// Issue 12: a deployer in a public body completes the Art. 27 fundamental rights impact assessment and
// registers its use in the EU database; the model's dossier PDF shows both (text extracted from the PDF).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const run = Date.now().toString(36);

async function answer(page: Page, questionId: string, role: "radio" | "checkbox", name: RegExp) {
  await page.locator(`[data-question="${questionId}"]`).getByRole(role, { name }).check();
}

test("a public-body deployer completes an FRIA and the dossier PDF shows it", async ({ page }) => {
  test.setTimeout(180_000);
  const key = `e2e-benefits-triage-${run}`;
  await signIn(page, "compliance");

  // register: a municipality's benefits-eligibility triage, used by us as deployer (not in production,
  // so the demo's production counts stay as they are)
  await page.goto("/models/new");
  await page.getByLabel("Key (stable identifier used in URLs and the API)").fill(key);
  await page.getByLabel("Name").fill("E2E housing benefit eligibility triage");
  await page.getByLabel("Intended purpose").fill("Ranks housing-benefit applications for a caseworker's eligibility check.");
  await page.getByLabel("Lifecycle").selectOption("VALIDATION");
  await page.getByLabel("Our role under the AI Act").selectOption("DEPLOYER");
  await page.getByLabel("Business owner (email)").fill("hannah.schmidt@northwind.example");
  await page.getByRole("button", { name: "Register model" }).click();
  await expect(page).toHaveURL(new RegExp(`/models/${key}$`));

  // classify: a public body deploying an Annex III 5(a) system → high-risk, FRIA required
  await page.getByRole("link", { name: "Classify" }).click();
  await answer(page, "scope.ai-system", "radio", /^Yes/);
  await answer(page, "scope.exclusion", "checkbox", /^No exclusion applies/);
  await answer(page, "role", "radio", /^Deployer/);
  await answer(page, "art5.practices", "checkbox", /^None of these/);
  await answer(page, "deployer.public-service", "radio", /^Yes/);
  await answer(page, "gpai.model", "radio", /^No/);
  await answer(page, "annex-i.product", "checkbox", /^No Annex I product/);
  await answer(page, "annex-iii.areas", "checkbox", /^5\. Access to and enjoyment/);
  await answer(page, "annex-iii.5", "checkbox", /^Public authorities evaluating eligibility/);
  await answer(page, "art6-3.profiling", "radio", /^Yes/);
  await answer(page, "art50.cases", "checkbox", /^None of these/);
  await answer(page, "art25.triggers", "checkbox", /^None of these/);
  await expect(page.getByTestId("classification-preview")).toContainText("Result so far: HIGH");
  await page.getByRole("button", { name: "Save classification" }).click();
  await expect(page.getByTestId("form-saved")).toContainText("HIGH");

  // the model page asks for the FRIA
  await page.goto(`/models/${key}`);
  await expect(page.locator('[data-testid="missing-item"][data-item="HR_D_FRIA"]')).toBeVisible();
  await page.getByRole("link", { name: "FRIA (Art. 27)" }).click();
  await expect(page.getByTestId("fria-status")).toContainText("Required for this system: missing");

  // a date in the wrong format is refused with a field error, and nothing typed is lost
  const form = page.getByTestId("fria-form");
  await form.getByLabel(/\(a\) Processes/).fill("Caseworkers in the housing office triage applications weekly; the ranking orders the queue only.");
  await form.getByLabel(/Authority's reference/).fill("MSA-NL-2026-0042");
  await form.getByRole("button", { name: "Save assessment" }).click();
  await expect(form.getByText("Record both the notification date and the authority's reference, or neither.")).toBeVisible();
  await expect(form.getByLabel(/\(a\) Processes/)).toHaveValue(/Caseworkers in the housing office/);

  await form.getByLabel(/\(b\) Period and frequency/).fill("From 1 March 2027, continuously during office hours, about 400 applications a week.");
  await form.getByLabel(/\(c\) Categories of persons/).fill("Applicants for housing benefit, incl. persons with disabilities and single-parent households.");
  await form.getByLabel(/\(d\) Specific risks of harm/).fill("Indirect discrimination by postcode; delayed benefits for applicants ranked low.");
  await form.getByLabel(/\(e\) Human oversight/).fill("Every ranking is reviewed by a caseworker who can override it; weekly sampling by the team lead.");
  await form.getByLabel(/\(f\) Measures if the risks materialise/).fill("Suspend the ranking, re-check affected files, complaints via the municipal ombudsman desk.");
  await form.getByLabel(/notified to the market surveillance authority on/).fill("2027-02-15");
  await form.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByTestId("fria-form").getByText("Assessment saved")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("fria-status")).toContainText("Required for this system: complete");

  // the same public-body deployer registers its use in the EU database (Art. 49(3), Annex VIII Section C)
  await page.goto(`/models/${key}`);
  await page.getByRole("link", { name: "EU database", exact: true }).click();
  await expect(page.getByTestId("eu-registration-status")).toContainText("Section C");
  await expect(page.getByTestId("eu-registration-status")).toContainText("not registered");
  const reg = page.getByTestId("eu-registration-form");
  await reg.getByLabel(/point 1: Name, address and contact details of the deployer/).fill("Municipality of Northwind, Stadhuisplein 1; ai@northwind.example");
  await reg.getByLabel(/point 3: URL of the entry/).fill("https://ai-database.example.eu/systems/HB-TRIAGE-7");
  await reg.getByLabel(/point 4: Summary of the findings/).fill("Postcode proxy risk mitigated by caseworker review; no automated refusals.");
  await reg.getByLabel(/Registration id given by the EU database/).fill("EU-DEP-2027-0815");
  await reg.getByRole("button", { name: "Save registration data" }).click();
  await expect(page.getByTestId("eu-registration-form").getByText("Registration data saved.")).toBeVisible();
  const exported = await (await page.request.get(`/api/v1/models/${key}/eu-registration`)).json();
  expect(exported).toMatchObject({ section: "C", registrationId: "EU-DEP-2027-0815", complete: true, missing: [] });

  // the dossier PDF carries the assessment
  const response = await page.request.get(`/api/v1/models/${key}/dossier`);
  expect(response.status()).toBe(200);
  const dir = mkdtempSync(join(tmpdir(), "dossier-e2e-fria-"));
  try {
    const file = join(dir, "dossier.pdf");
    writeFileSync(file, await response.body());
    const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("Fundamental rights impact assessment (Art. 27)");
    expect(text).toContain("(d) Specific risks of harm (Art. 27(1)(d))");
    expect(text).toContain("Indirect discrimination by postcode");
    expect(text).toContain("2027-02-15, reference MSA-NL-2026-0042");
    expect(text).toContain("Registered as EU-DEP-2027-0815; Section C data complete.");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the rules changelog lists every rule-set version with its sources; no demo model is flagged", async ({ page }) => {
  await signIn(page, "compliance");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rules" }).click();
  await expect(page.getByTestId("current-rule-set")).toHaveText("eu-ai-act@2026-07-27");
  await expect(page.getByTestId("rule-set-eu-ai-act@2026-07-27")).toContainText("Regulation (EU) 2026/1744");
  await expect(page.getByTestId("rule-set-eu-ai-act@2026-07-27")).toContainText("Art. 5(1)(ba), 5(1)(bb)");
  await expect(page.getByTestId("rule-set-eu-ai-act@2024-08-01")).toContainText("Regulation (EU) 2024/1689");
  // the demo was classified under the current rules, so none of its models is flagged (models other specs
  // import without a rule-set version are checked as pre-versioning classifications)
  await page.getByRole("button", { name: "Check every classification against the current rules" }).click();
  await expect(page.getByText(/Checked \d+ classification\(s\) made under older rules: \d+ flagged/)).toBeVisible();
  for (const demo of ["credit-scoring-personal-loans-uk", "card-fraud-detection-debit-cards", "contact-centre-agent-emotion-monitor"]) {
    await expect(page.getByTestId(`reclassification-${demo}`)).toHaveCount(0);
  }
});
