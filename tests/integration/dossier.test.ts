// Dossiers and the inventory audit report, end to end on the demo organisation: data → PDF on the worker
// pool → stored record. Assertions read the PDF's text with pdftotext (poppler-utils), as an auditor's
// tooling would.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { DOCUMENTATION_SECTIONS } from "@/lib/compliance";
import { evaluateModels, inventorySummary, type EvaluatedModel } from "@/lib/models/compliance";
import { canonicalJson, contentSha256, sha256Hex } from "@/lib/dossier/content-hash";
import { generateDocument, type GeneratedDocument } from "@/lib/dossier/generate";
import { getInventoryReportData } from "@/lib/dossier/get-inventory-report-data";
import type { DossierReader } from "@/lib/dossier/get-model-dossier-data";
import { INVENTORY_CSV_COLUMNS } from "@/lib/dossier/inventory-csv";
import { paginateEntries, paginateTable } from "@/lib/dossier/render-inventory-report";
import { INCOMPLETE_BANNER } from "@/lib/dossier/pdf-kit";
import { pdfPool } from "@/lib/dossier/pool";
import { getRecord, getRecordContent, listRecords, verifyBytes, verifyDocument } from "@/lib/dossier/records";
import type { InventoryReportData, ModelDossierData } from "@/lib/dossier/types";
import { rejection } from "../support/actors";

const PROHIBITED_HR_SYSTEM = "contact-centre-agent-emotion-monitor";
const ANNEX_IV = DOCUMENTATION_SECTIONS.filter((s) => s.key.startsWith("annex-iv-"));

let workDir: string;
const reader = async (local: string): Promise<DossierReader> => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: `${local}@northwind.example` } });
  return { id: u.id, role: u.role, name: u.name, email: u.email };
};

/** The PDF's text: `layout` keeps table columns apart, raw joins wrapped lines of flowing text. */
function pdfText(pdf: Uint8Array, mode: "layout" | "raw" = "layout"): string {
  const file = join(workDir, `${sha256Hex(pdf).slice(0, 16)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", [...(mode === "layout" ? ["-layout"] : []), "-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}
const pagesOf = (text: string) => text.split("\f").filter((p) => p.trim() !== "");
const flat = (text: string) => text.replace(/\s+/g, " ");
function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const file = join(workDir, `${sha256Hex(pdf).slice(0, 16)}-info.pdf`);
  writeFileSync(file, pdf);
  const out = execFileSync("pdfinfo", ["-enc", "UTF-8", file], { encoding: "utf8" });
  return Object.fromEntries(out.split("\n").map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]));
}

let compliance: DossierReader;
let exec: DossierReader;
let owner: DossierReader;
let auditor: DossierReader;
let production: EvaluatedModel[];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "dossier-pdf-test-"));
  compliance = await reader("compliance");
  exec = await reader("exec");
  owner = await reader("owner");
  auditor = await reader("auditor");
  production = await evaluateModels({ where: { lifecycle: "PRODUCTION" } });
});
afterAll(async () => {
  await pdfPool().close();
  await prisma.$disconnect();
  rmSync(workDir, { recursive: true, force: true });
});

describe("inventory audit report (PDF)", () => {
  let report: GeneratedDocument & { data: InventoryReportData };
  let text: string;

  beforeAll(async () => {
    report = (await generateDocument({ actor: compliance, request: { kind: "INVENTORY_REPORT", filters: {}, format: "pdf" } })) as typeof report;
    text = pdfText(report.body);
  });

  it("states the demo headline: 247 production models, 89 documented, 158 undocumented", async () => {
    expect(flat(text)).toContain("247 production models: 89 documented, 158 undocumented");
    // the same numbers the engine computes from the facts
    const engine = await inventorySummary();
    expect([engine.productionModels, engine.documented, engine.undocumented]).toEqual([247, 89, 158]);
    expect(report.data.summary).toMatchObject({ productionModels: 247, documented: 89, undocumented: 158 });
  });

  it("lists every undocumented model by key in the undocumented-models part, and no documented one there", () => {
    const undocumented = production.filter((m) => m.result.undocumented).map((m) => m.facts.key);
    expect(undocumented).toHaveLength(158);
    const start = text.indexOf("Undocumented models (158)");
    expect(start).toBeGreaterThan(0);
    const entries = text.slice(start);
    const entryKeys = new Set([...entries.matchAll(/^([a-z0-9][a-z0-9-]*[a-z0-9]) — /gm)].map((m) => m[1]));
    expect([...entryKeys].sort()).toEqual([...undocumented].sort());
    // and every production model appears in the table
    for (const m of production) expect(text).toContain(m.facts.key);
  });

  it("flags the prohibited HR system", () => {
    expect(flat(text)).toContain(`PROHIBITED: ${PROHIBITED_HR_SYSTEM}`);
    const row = text.split("\n").find((l) => l.trimStart().startsWith(PROHIBITED_HR_SYSTEM));
    expect(row).toMatch(/PROHIBITED\s+\d+\.\d\s+UNDOCUMENTED/);
    expect(report.data.models.find((m) => m.key === PROHIBITED_HR_SYSTEM)?.flags).toContain("PROHIBITED");
    expect(report.data.summary.prohibitedFindings).toBe(1);
  });

  it("carries the INCOMPLETE banner on every page and is tagged with title, author and subject", () => {
    const pages = pagesOf(text);
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) expect(page).toContain(INCOMPLETE_BANNER);
    const info = pdfInfo(report.body);
    expect(Number(info.Pages)).toBe(pages.length);
    expect(info.Title).toContain("Inventory audit report");
    expect(info.Author).toContain(compliance.name);
    expect(info.Subject).toContain(report.record.id);
  });

  it("is cut into pages that none overflows: the summary, then exactly the pre-cut table and entry pages", () => {
    // an overflowing page costs react-pdf a re-layout and an extra page (40 of 178 at 1,000 models before)
    const expected = 1 + paginateTable(report.data.models).length + paginateEntries(report.data.models.filter((m) => m.undocumented)).length;
    expect(Number(pdfInfo(report.body).Pages)).toBe(expected);
  });

  it("names each undocumented model's owners and missing items with their articles", () => {
    const model = report.data.models.find((m) => m.undocumented && m.missing.length >= 2 && m.businessOwner && m.technicalOwner)!;
    const entries = flat(pdfText(report.body, "raw"));
    const at = entries.indexOf(`${model.key} — ${model.name}`);
    expect(at).toBeGreaterThan(0);
    const entry = entries.slice(at, at + 3000);
    expect(entry).toContain(`Business owner: ${model.businessOwner!.name}`);
    expect(entry).toContain(`Technical owner: ${model.technicalOwner!.name}`);
    for (const item of model.missing) expect(entry).toContain(`${item.title} (${item.article})`);
  });
});

describe("inventory report as CSV and JSON, with filters", () => {
  it("JSON has the summary, counts by risk class and monitoring status, and the model rows", async () => {
    const { body, data } = await generateDocument({ actor: compliance, request: { kind: "INVENTORY_REPORT", filters: {}, format: "json" } });
    const json = JSON.parse(new TextDecoder().decode(body)) as InventoryReportData;
    expect(json.summary).toMatchObject({ productionModels: 247, documented: 89, undocumented: 158 });
    expect(json.summary.byRiskClass.reduce((n, r) => n + r.production, 0)).toBe(247);
    expect(json.summary.byMonitoringStatus.reduce((n, r) => n + r.count, 0)).toBe(247);
    expect(json.models).toHaveLength(247);
    for (const m of json.models) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(["key", "name", "lifecycle", "riskClass", "completeness", "undocumented", "monitoringStatus", "missing"]));
      if (m.undocumented) expect(m.missing.some((i) => i.mandatory)).toBe(true);
    }
    // the cover's content hash is recomputable from the JSON
    expect(contentSha256(json)).toBe(data.issuance.contentSha256);
  });

  it("CSV has one row per production model and neutralises spreadsheet formulas", async () => {
    const { body, record } = await generateDocument({ actor: exec, request: { kind: "INVENTORY_REPORT", filters: {}, format: "csv" } });
    const csv = new TextDecoder().decode(body);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(INVENTORY_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(248);
    expect(lines.filter((l) => l.includes(",true,")).length).toBe(158);
    expect(record.mediaType).toMatch(/^text\/csv/);
  });

  it("filters by business unit, risk class and undocumented only", async () => {
    const only = await getInventoryReportData({ actor: compliance, filters: { undocumentedOnly: true }, recordId: crypto.randomUUID() });
    expect(only.models).toHaveLength(158);
    expect(only.models.every((m) => m.undocumented)).toBe(true);
    expect(only.summary.productionModels).toBe(247);

    const high = await getInventoryReportData({ actor: compliance, filters: { riskClass: "HIGH", businessUnit: "Retail Banking" }, recordId: crypto.randomUUID() });
    const expected = production.filter((m) => m.facts.classification.riskClass === "HIGH" && m.facts.businessUnit === "Retail Banking");
    expect(high.models.map((m) => m.key)).toEqual(expected.map((m) => m.facts.key));
    expect(high.summary.productionModels).toBe(expected.length);
    expect(high.summary.undocumented).toBe(expected.filter((m) => m.result.undocumented).length);

    const pdf = await generateDocument({
      actor: compliance,
      request: { kind: "INVENTORY_REPORT", filters: { riskClass: "HIGH", businessUnit: "Retail Banking", undocumentedOnly: true }, format: "pdf" },
    });
    const text = flat(pdfText(pdf.body));
    expect(text).toContain('business unit "Retail Banking" · risk class High risk · undocumented models only');
    for (const m of expected) {
      if (m.result.undocumented) expect(text).toContain(m.facts.key);
      else expect(text).not.toContain(`${m.facts.key} `);
    }
  });
});

describe("model dossier (PDF)", () => {
  const pickComplete = () => production.find((m) => m.facts.classification.riskClass === "HIGH" && m.facts.actorRole === "PROVIDER" && m.result.items.every((i) => i.status === "complete"))!;
  const pickIncomplete = () =>
    production
      .filter(
        (m) =>
          m.result.undocumented &&
          m.facts.classification.riskClass === "HIGH" &&
          m.facts.actorRole === "PROVIDER" &&
          m.result.items.some((i) => i.sectionKey?.startsWith("annex-iv-") && i.reason === "Section not started."),
      )
      .sort((a, b) => b.result.counts.missing + b.result.counts.stale - (a.result.counts.missing + a.result.counts.stale))[0]!;

  it("of a fully documented high-risk model: no INCOMPLETE banner, every Annex IV heading, no gaps", async () => {
    const model = pickComplete();
    const { body, data } = await generateDocument({ actor: compliance, request: { kind: "MODEL_DOSSIER", modelKey: model.facts.key, format: "pdf" } });
    const text = pdfText(body);
    expect(text).not.toContain("INCOMPLETE");
    for (const section of ANNEX_IV) expect(flat(text)).toContain(`${section.key.charAt(9)}. ${section.title}`);
    expect(flat(text)).toContain("No gaps: every applicable requirement item is complete.");
    expect(flat(text)).toContain(`Completeness score ${(data as ModelDossierData).completeness.score.toFixed(1)} / 100`);
    // cover: model, version, class, owners, generated by, record, content hash
    const cover = flat(pagesOf(text)[0]!);
    expect(cover).toContain(model.facts.key);
    expect(cover).toContain("High risk");
    expect(cover).toContain(model.facts.businessOwner!.name);
    expect(cover).toContain(model.facts.technicalOwner!.name);
    expect(cover).toContain(`Generated by ${compliance.name}`);
    expect(cover).toContain((data as ModelDossierData).issuance.contentSha256);
    const info = pdfInfo(body);
    expect(info.Title).toContain(model.facts.key);
    expect(info.Subject).toContain("Annex IV");
  });

  it("numbers every page 'Page X of N' and repeats the footer with the record id on each", async () => {
    for (const model of [pickComplete(), pickIncomplete()]) {
      const { body, record } = await generateDocument({ actor: compliance, request: { kind: "MODEL_DOSSIER", modelKey: model.facts.key, format: "pdf" } });
      const pages = pagesOf(pdfText(body));
      const total = Number(pdfInfo(body).Pages);
      expect(pages).toHaveLength(total);
      expect(total).toBeGreaterThan(10);
      pages.forEach((page, i) => {
        // exactly one page number per page, the right one, and nothing else says "Page … of"
        expect([...page.matchAll(/Page (\d+) of (\d+)/g)].map((m) => `${m[1]}/${m[2]}`)).toEqual([`${i + 1}/${total}`]);
        expect(flat(page)).toContain(`${model.facts.key} · record ${record.id} · generated`);
      });
    }
  });

  it("of card-fraud-detection-debit-cards (documented, drift CRITICAL): complete, with the critical finding and the latest drift per feature", async () => {
    const { body, data } = await generateDocument({ actor: compliance, request: { kind: "MODEL_DOSSIER", modelKey: "card-fraud-detection-debit-cards", format: "pdf" } });
    const text = flat(pdfText(body));
    expect(text).not.toContain(INCOMPLETE_BANNER);
    expect(text).toContain("CRITICAL finding DRIFT_CRITICAL");
    const dossier = data as ModelDossierData;
    expect(dossier.monitoring.latestCheck?.features.length).toBeGreaterThan(0);
    for (const f of dossier.monitoring.latestCheck!.features) expect(text).toContain(f.feature);
    expect(text).toContain("Status history");
  });

  it("of an incomplete model: the banner on every page, each gap with its article and owner, empty sections say Not documented", async () => {
    const model = pickIncomplete();
    const { body, data } = await generateDocument({ actor: compliance, request: { kind: "MODEL_DOSSIER", modelKey: model.facts.key, format: "pdf" } });
    const dossier = data as ModelDossierData;
    const layout = pdfText(body);
    for (const page of pagesOf(layout)) expect(page).toContain(INCOMPLETE_BANNER);
    const raw = flat(pdfText(body, "raw"));
    const gaps = raw.slice(raw.lastIndexOf("Gaps"));
    const open = model.result.items.filter((i) => i.status !== "complete");
    expect(dossier.gaps.map((g) => g.id)).toEqual(open.map((i) => i.id));
    for (const item of open) {
      expect(gaps).toContain(`${item.status === "stale" ? "STALE" : "MISSING"}: ${item.title} — ${item.article}`);
      expect(gaps).toContain(`Reason: ${item.reason}`);
    }
    expect(gaps).toMatch(/Owner: \S/);
    // a section that was never started still has its heading, saying so
    const empty = open.find((i) => i.sectionKey?.startsWith("annex-iv-") && i.reason === "Section not started.")!;
    const section = ANNEX_IV.find((s) => s.key === empty.sectionKey)!;
    const heading = `${section.key.charAt(9)}. ${section.title}`;
    // the section's own page: heading, article, status line, then the (absent) content
    const at = raw.indexOf(`${heading} ${section.article} Status:`);
    expect(at).toBeGreaterThan(0);
    expect(raw.slice(at, at + 300)).toMatch(/Status: (never started|empty)[^]*Not documented/);
  });

  it("of the prohibited HR system: the critical Art. 5 finding on the cover", async () => {
    const { body } = await generateDocument({ actor: auditor, request: { kind: "MODEL_DOSSIER", modelKey: PROHIBITED_HR_SYSTEM, format: "pdf" } });
    const cover = flat(pagesOf(pdfText(body))[0]!);
    expect(cover).toContain("Prohibited (Art. 5)");
    expect(cover).toContain("CRITICAL finding PROHIBITED_IN_PRODUCTION");
    expect(cover).toContain(INCOMPLETE_BANNER);
  });

  it("answers an unknown model with not found and stores nothing", async () => {
    const before = await prisma.dossierRecord.count();
    expect((await rejection(generateDocument({ actor: compliance, request: { kind: "MODEL_DOSSIER", modelKey: "no-such-model", format: "pdf" } }))).code).toBe("NOT_FOUND");
    expect(await prisma.dossierRecord.count()).toBe(before);
  });
});

describe("permissions", () => {
  it("an executive can download the inventory report", async () => {
    const { record, body } = await generateDocument({ actor: exec, request: { kind: "INVENTORY_REPORT", filters: {}, format: "pdf" } });
    expect(record.generatedBy?.email).toBe(exec.email);
    expect(flat(pdfText(body))).toContain("247 production models");
    expect((await getRecord({ actor: exec, id: record.id })).id).toBe(record.id);
  });

  it("a model owner gets the dossier of any model, but the audit-log excerpt only for models they own", async () => {
    const ownModel = await prisma.model.findFirstOrThrow({ where: { technicalOwnerId: owner.id, lifecycle: "PRODUCTION" }, orderBy: { key: "asc" } });
    const otherModel = await prisma.model.findFirstOrThrow({
      where: { lifecycle: "PRODUCTION", NOT: { OR: [{ technicalOwnerId: owner.id }, { businessOwnerId: owner.id }] } },
      orderBy: { key: "asc" },
    });
    const other = await generateDocument({ actor: owner, request: { kind: "MODEL_DOSSIER", modelKey: otherModel.key, format: "pdf" } });
    expect((other.data as ModelDossierData).auditLog.included).toBe(false);
    expect(flat(pdfText(other.body))).toContain("The audit-log excerpt is withheld: the role Model owner may not read this model's audit log.");
    expect(other.record.parameters.includesAuditLog).toBe(false);

    const own = await generateDocument({ actor: owner, request: { kind: "MODEL_DOSSIER", modelKey: ownModel.key, format: "pdf" } });
    expect((own.data as ModelDossierData).auditLog.included).toBe(true);
    expect(flat(pdfText(own.body))).toContain("audit events concerning this model");
    expect(own.record.parameters.includesAuditLog).toBe(true);

    // an executive reads no audit log: the same dossier for them withholds it
    const forExec = await generateDocument({ actor: exec, request: { kind: "MODEL_DOSSIER", modelKey: ownModel.key, format: "json" } });
    expect((forExec.data as ModelDossierData).auditLog).toMatchObject({ included: false });

    // a stored dossier with an audit-log excerpt is not handed to a reader who may not read that log
    expect((await rejection(getRecordContent({ actor: exec, id: own.record.id }))).code).toBe("NOT_FOUND");
    expect((await listRecords({ actor: exec, limit: 200 })).map((r) => r.id)).not.toContain(own.record.id);
    expect((await getRecordContent({ actor: auditor, id: own.record.id })).content).toEqual(own.body);
    expect((await getRecordContent({ actor: owner, id: own.record.id })).meta.id).toBe(own.record.id);
    // the excerpt counts the owner's earlier dossier generations (they are audited)
    const events = await prisma.auditEvent.count({ where: { modelId: ownModel.id, action: "dossier.generate" } });
    expect(events).toBeGreaterThanOrEqual(1);
  });
});

describe("dossier records", () => {
  it("stores the exact bytes with who, when, parameters, sha256 and completeness, and verifies copies", async () => {
    const { record, body, data } = await generateDocument({ actor: compliance, request: { kind: "MODEL_DOSSIER", modelKey: "card-fraud-detection-debit-cards", format: "pdf" } });
    expect(record.sha256).toBe(sha256Hex(body));
    expect(record.byteSize).toBe(body.byteLength);
    expect(record.completeness).toBe((data as ModelDossierData).completeness.score);
    expect(record.parameters).toMatchObject({ format: "pdf", modelKey: "card-fraud-detection-debit-cards", contentSha256: data.issuance.contentSha256 });
    expect(record.generatedBy?.email).toBe(compliance.email);
    // the PDF names its own record
    expect(flat(pdfText(body))).toContain(record.id);

    const again = await getRecordContent({ actor: auditor, id: record.id });
    expect(Buffer.from(again.content).equals(Buffer.from(body))).toBe(true);

    const verdict = await verifyBytes({ actor: auditor, content: body });
    expect(verdict.verified).toBe(true);
    expect(verdict.records.map((r) => r.id)).toEqual([record.id]);
    // the dossier carries an audit-log excerpt: an executive learns that it was issued, not its record
    const forExec = await verifyBytes({ actor: exec, content: body });
    expect(forExec).toMatchObject({ verified: true, records: [] });
    expect(forExec.statement).toMatch(/your role may not see its record/);
    expect(verdict.statement).toMatch(
      new RegExp(
        `^This file is the one Dossier issued on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC to ${compliance.name} \\(Compliance officer\\): the model dossier of card-fraud-detection-debit-cards`,
      ),
    );

    const tampered = Uint8Array.from(body);
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 1;
    expect((await verifyBytes({ actor: exec, content: tampered })).verified).toBe(false);
    expect((await rejection(verifyDocument({ actor: exec, sha256: "not-a-hash" }))).code).toBe("VALIDATION");
  });

  it("the content hash on the cover is the sha256 of the canonical JSON without the issuance block", async () => {
    const { body, data } = await generateDocument({ actor: compliance, request: { kind: "MODEL_DOSSIER", modelKey: PROHIBITED_HR_SYSTEM, format: "json" } });
    const json = JSON.parse(new TextDecoder().decode(body)) as ModelDossierData;
    const { issuance: _issuance, ...content } = json;
    expect(sha256Hex(canonicalJson(content))).toBe(data.issuance.contentSha256);
  });
});

describe("worker pool", () => {
  it("renders off the event loop: the main thread stays responsive during a report", async () => {
    const data = await getInventoryReportData({ actor: compliance, filters: {}, recordId: crypto.randomUUID() });
    const before = pdfPool().stats();
    await pdfPool().warm();
    // every worker started, and each idle one loaded its fonts
    expect(pdfPool().stats()).toMatchObject({ workers: pdfPool().size, busy: 0, queued: 0 });
    expect(pdfPool().stats().warmedUp).toBeGreaterThan(before.warmedUp);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const [a, b] = await Promise.all([pdfPool().render(data), pdfPool().render(data)]);
    const elapsed = performance.now() - started;
    delay.disable();
    expect(a.pdf.byteLength).toBeGreaterThan(10_000);
    expect(b.pdf.byteLength).toBe(a.pdf.byteLength);
    // the pool counts what it rendered and passes on the engine's cache counters: the second report reuses layouts
    const after = pdfPool().stats();
    expect(after.rendered - before.rendered).toBeGreaterThanOrEqual(2);
    expect(after.engine.layoutHits).toBeGreaterThan(0);
    // rendering took seconds; the event loop was never blocked for more than a fraction of that
    expect(elapsed).toBeGreaterThan(500);
    expect(delay.max / 1e6).toBeLessThan(Math.max(250, elapsed / 4));
  });

  it("reports a failing render as an error and keeps serving", async () => {
    const broken = {
      kind: "MODEL_DOSSIER",
      issuance: { recordId: "x", generatedAt: "2026-01-01T00:00:00.000Z", generatedBy: { name: "x", email: null, role: "x" }, contentSha256: "" },
    } as unknown as ModelDossierData;
    const failedBefore = pdfPool().stats().failed;
    await expect(pdfPool().render(broken)).rejects.toThrow(/PDF rendering failed/);
    expect(pdfPool().stats().failed).toBe(failedBefore + 1);
    const data = await getInventoryReportData({ actor: compliance, filters: { riskClass: "PROHIBITED" }, recordId: crypto.randomUUID() });
    expect((await pdfPool().render(data)).pdf.byteLength).toBeGreaterThan(1000);
  });
});
