// Reports and dossiers through the built app (next start): the worker pool must load from the built
// server, the Reports page shows progress and downloads, the API paths answer per role.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./helpers";

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dossier-e2e-pdf-"));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

async function getPdf(request: APIRequestContext, path: string): Promise<{ file: string; headers: Record<string, string> }> {
  const response = await request.get(path);
  expect(response.status(), await response.text().catch(() => "")).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, await response.body());
  return { file, headers: response.headers() };
}

test("an executive generates the inventory report on the Reports page: progress, then the download", async ({ page }) => {
  await signIn(page, "exec");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  // record whether the progress indicator was ever rendered: a DOM observer sees it however fast the
  // machine renders, where polling for it could miss a short render
  await page.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="inventory-pdf-progress"] progress')) w.sawProgress = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Inventory report (PDF)" }).click();
  await expect(page.getByTestId("inventory-pdf-done")).toBeVisible({ timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
  const file = join(dir, "exec-inventory.pdf");
  await (await download).saveAs(file);
  const text = pdfText(file);
  expect(text).toContain("247 production models: 89 documented, 158 undocumented");
  expect(text).toContain("PROHIBITED: contact-centre-agent-emotion-monitor");
  // the issued document is listed, and its record page says what it is
  await page.reload();
  await page
    .getByTestId("records-table")
    .getByRole("link", { name: /^Inventory report/ })
    .first()
    .click();
  await expect(page.getByTestId("record-statement")).toContainText("This file is the one Dossier issued on");
  await expect(page.getByTestId("record-statement")).toContainText("(Executive)");
  const sha = (await page.getByTestId("record-sha256").textContent())?.trim();
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  // and verifying the downloaded copy finds that record
  await page.goto("/reports/verify");
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.getByRole("button", { name: "Verify", exact: true }).click();
  await expect(page.getByTestId("verify-result")).toContainText("Verified.");
  await expect(page.getByTestId("verify-result")).toContainText(sha!);
});

test("the filtered report: undocumented high-risk models of one business unit, as CSV and JSON too", async ({ page }) => {
  await signIn(page, "compliance");
  const api = page.request;
  const json = await api.get("/api/v1/reports/inventory?format=json&riskClass=HIGH&businessUnit=Retail%20Banking&undocumentedOnly=true");
  expect(json.status()).toBe(200);
  const data = (await json.json()) as { summary: { productionModels: number; undocumented: number }; models: Array<{ key: string; riskClass: string; undocumented: boolean; missing: unknown[] }> };
  expect(data.models.length).toBe(data.summary.undocumented);
  expect(data.models.every((m) => m.riskClass === "HIGH" && m.undocumented && m.missing.length > 0)).toBe(true);
  const csv = await api.get("/api/v1/reports/inventory?format=csv&riskClass=HIGH&businessUnit=Retail%20Banking&undocumentedOnly=true");
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect((await csv.text()).trimEnd().split("\r\n")).toHaveLength(data.models.length + 1);
  const { file, headers } = await getPdf(api, "/api/v1/reports/inventory?riskClass=HIGH&businessUnit=Retail%20Banking&undocumentedOnly=true");
  expect(headers["x-dossier-record"]).toMatch(/^[0-9a-f-]{36}$/);
  const text = pdfText(file);
  for (const m of data.models) expect(text).toContain(m.key);
  const bad = await api.get("/api/v1/reports/inventory?format=docx");
  expect(bad.status()).toBe(422);
});

test("a model owner downloads any model's dossier; the audit-log excerpt only for their own models", async ({ page }) => {
  await signIn(page, "owner");
  const api = page.request;
  const own = (await (await api.get("/api/v1/models?owner=owner%40northwind.example&lifecycle=PRODUCTION&limit=1")).json()) as { items: Array<{ key: string }> };
  const ownKey = own.items[0]?.key;
  expect(ownKey).toBeTruthy();
  const other = "card-fraud-detection-debit-cards";

  const otherJson = await (await api.get(`/api/v1/models/${other}/dossier?format=json`)).json();
  expect(otherJson.auditLog).toEqual({ included: false, reason: "The audit-log excerpt is withheld: the role Model owner may not read this model's audit log." });
  const ownJson = await (await api.get(`/api/v1/models/${ownKey}/dossier?format=json`)).json();
  expect(ownJson.auditLog.included).toBe(true);

  const { file, headers } = await getPdf(api, `/api/v1/models/${other}/dossier`);
  const text = pdfText(file);
  expect(text).toContain("card-fraud-detection-debit-cards");
  expect(text).toContain("audit-log excerpt is withheld");
  expect(headers["content-disposition"]).toContain("dossier-card-fraud-detection-debit-cards");
  // the stored copy can be fetched again, byte for byte
  const again = await api.get(`/api/v1/dossiers/${headers["x-dossier-record"]}/content`);
  expect(Buffer.compare(await again.body(), readFileSync(file))).toBe(0);

  const missing = await api.get("/api/v1/models/no-such-model/dossier");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toContain("application/problem+json");
});

test("the dossier buttons stream progress and download (model dossier through POST /api/v1/dossiers)", async ({ page }) => {
  await signIn(page, "auditor");
  const response = await page.request.post("/api/v1/dossiers", {
    // the browser's fetch sends the portal's Origin; page.request does not on its own
    headers: { origin: new URL(page.url()).origin },
    data: { kind: "MODEL_DOSSIER", modelKey: "contact-centre-agent-emotion-monitor", format: "pdf" },
  });
  expect(response.headers()["content-type"]).toContain("application/x-ndjson");
  const events = (await response.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { type: string; phase?: string; downloadUrl?: string });
  expect(events.some((e) => e.type === "progress" && e.phase === "rendering")).toBe(true);
  const done = events.at(-1)!;
  expect(done.type).toBe("done");
  const pdf = await page.request.get(done.downloadUrl!);
  const file = join(dir, "prohibited.pdf");
  writeFileSync(file, await pdf.body());
  const text = pdfText(file);
  expect(text).toContain("INCOMPLETE — not audit-ready");
  expect(text).toContain("CRITICAL finding PROHIBITED_IN_PRODUCTION");
});

test("without a session the API answers 401", async ({ request }) => {
  expect((await request.get("/api/v1/reports/inventory")).status()).toBe(401);
  expect((await request.get("/api/v1/models/card-fraud-detection-debit-cards/dossier")).status()).toBe(401);
});
