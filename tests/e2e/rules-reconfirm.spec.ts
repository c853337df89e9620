// Issue 12: a classification made under an older rule set (restored from an export made before rule sets
// were versioned) is checked against the current rules. Only the model whose verdict changes is flagged
// "re-classification needed: rules changed", with the old and the new verdict side by side and the
// provisions that changed; the officer re-confirms it in one click, and the audit log shows it.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signIn } from "./helpers";

const run = Date.now().toString(36);
const CHANGES = `e2e-rules-synthetic-${run}`;
const STANDS = `e2e-rules-plain-${run}`;

/** A model as an inventory export made before rule sets were versioned carries it (no `ruleSet`). */
function legacyModel(key: string, name: string, cases: string[], verdict: { riskClass: string; legalBasis: string[]; transparencyDuties: string[] }) {
  return {
    key,
    name,
    description: null,
    intendedPurpose: "Drafts marketing copy that staff edit before publication.",
    foreseeableMisuse: null,
    businessUnit: null,
    actorRole: "DEPLOYER",
    publicAuthority: false,
    lifecycle: "VALIDATION",
    environments: [],
    businessOwnerEmail: "hannah.schmidt@northwind.example",
    technicalOwnerEmail: null,
    nextReviewAt: null,
    euDatabaseId: null,
    classification: {
      ...verdict,
      status: "CONFIRMED",
      rationale: "Classified under the AI Act as published.",
      answers: {
        "scope.ai-system": "YES",
        "scope.exclusion": ["NONE"],
        role: "DEPLOYER",
        "art5.practices": ["NONE"],
        "deployer.public-service": "NO",
        "gpai.model": "NO",
        "annex-i.product": ["NONE"],
        "annex-iii.areas": ["NONE"],
        "art50.cases": cases,
        "art25.triggers": ["NONE"],
      },
      classifiedAt: "2026-03-02T09:00:00.000Z",
      classifiedByEmail: "compliance@northwind.example",
      gpai: false,
      gpaiSystemicRisk: false,
    },
    versions: [],
    monitoring: { config: null, checks: [] },
    sections: [],
    incidents: [],
  };
}

test.afterAll(async () => {
  const db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  await db.query(`DELETE FROM "Model" WHERE key = ANY($1)`, [[CHANGES, STANDS]]);
  await db.end();
});

test("a model whose verdict changes under the current rules is flagged side by side and re-confirmed in one click, audited", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "compliance");

  // an older export restored: a deployer of a system generating synthetic content was LIMITED under the
  // rules as published; now Art. 50(2) is the provider's duty, so a deployer owes nothing under it
  const imported = await page.request.post("/api/v1/imports?format=inventory", {
    // a cookie-authenticated write names its origin, as the portal's Import page does
    headers: { origin: new URL(page.url()).origin },
    data: {
      format: "dossier-inventory",
      formatVersion: 1,
      exportedAt: "2026-03-02T10:00:00.000Z",
      businessUnits: [],
      people: [],
      datasets: [],
      models: [
        legacyModel(CHANGES, "E2E marketing copy generator", ["SYNTHETIC_CONTENT"], { riskClass: "LIMITED", legalBasis: ["ART_50_2"], transparencyDuties: ["ART_50_2"] }),
        legacyModel(STANDS, "E2E internal text classifier", ["NONE"], { riskClass: "MINIMAL", legalBasis: [], transparencyDuties: [] }),
      ],
    },
  });
  expect(imported.status()).toBe(200);
  expect((await imported.json()).summary).toMatchObject({ created: 2, rejected: 0 });

  // the rules changelog lists every version with its sources
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rules" }).click();
  await expect(page.getByRole("heading", { name: "Rules changelog" })).toBeVisible();
  await expect(page.getByTestId("rule-set-eu-ai-act@2026-07-27")).toContainText("Sources: Regulation (EU) 2026/1744");
  await expect(page.getByTestId("rule-set-eu-ai-act@2026-07-27")).toContainText("Art. 6(1a)-(1c)");
  await expect(page.getByTestId("rule-set-eu-ai-act@2024-08-01")).toContainText("Regulation (EU) 2024/1689");

  // the check (also run by the scheduled scan) flags exactly the model whose verdict changes
  await page.getByRole("button", { name: "Check every classification against the current rules" }).click();
  await expect(page.getByText(/Checked \d+ classification\(s\) made under older rules: \d+ flagged/)).toBeVisible();
  const panel = page.getByTestId(`reclassification-${CHANGES}`);
  await expect(panel).toBeVisible();
  await expect(page.getByTestId(`reclassification-${STANDS}`)).toHaveCount(0);

  // old and new verdict side by side, what differs, and the provisions that changed
  await expect(panel).toContainText("Re-classification needed: rules changed (eu-ai-act@2024-08-01 → eu-ai-act@2026-07-27)");
  const [stored, current] = [panel.locator("td").nth(0), panel.locator("td").nth(1)];
  await expect(stored).toContainText("Stored verdict");
  await expect(stored).toContainText("Limited risk (Art. 50)");
  await expect(stored).toContainText("Art. 50 duties: ART_50_2");
  await expect(current).toContainText("Under the current rules");
  await expect(current).toContainText("Minimal risk");
  await expect(current).toContainText("Art. 50 duties: none");
  await expect(panel.getByRole("listitem").filter({ hasText: "Risk class LIMITED → MINIMAL" })).toBeVisible();
  await expect(panel.getByRole("listitem").filter({ hasText: "Art. 50 duties [ART_50_2] → [none]" })).toBeVisible();
  await expect(panel).toContainText(/Provisions changed: .*\+ Art\. 95/);

  // the model page shows the same flag
  await page.goto(`/models/${CHANGES}`);
  await expect(page.getByTestId(`reclassification-${CHANGES}`)).toContainText("Under the current rules");
  await expect(page.locator("#classification .badge").first()).toHaveText("Limited risk (Art. 50)");

  // one click on the rules page re-confirms it under the current rules
  await page.goto("/rules");
  await page.getByTestId(`reclassification-${CHANGES}`).getByRole("button", { name: "Re-confirm under the current rules" }).click();
  await expect(page.getByTestId(`reclassification-${CHANGES}`)).toHaveCount(0);
  await page.goto(`/models/${CHANGES}`);
  await expect(page.locator("#classification .badge").first()).toHaveText("Minimal risk");
  await expect(page.getByTestId(`reclassification-${CHANGES}`)).toHaveCount(0);

  // audited: the flag by the rule-set check, the re-confirmation by the officer
  await page.goto(`/audit-log?model=${CHANGES}`);
  const reconfirm = page.getByRole("row").filter({ hasText: "model.classify.reconfirm" });
  await expect(reconfirm).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "model.reclassification.flag" })).toHaveCount(1);
  // the model whose verdict stands was brought to the current rules, audited too, and never flagged
  await page.goto(`/audit-log?model=${STANDS}`);
  await expect(page.getByRole("row").filter({ hasText: "model.classify.ruleset-upgrade" })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: "model.reclassification.flag" })).toHaveCount(0);
});
