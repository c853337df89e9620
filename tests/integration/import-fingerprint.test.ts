// Issue 13: an unchanged inventory re-import is decided by a fingerprint of each model, built by
// PostgreSQL from the stored rows and by the import from the file's document (lib/imports/
// inventory-fingerprint.ts). Here, on whichever database the suite runs (server or embedded): the two
// texts agree for every demo model and for a model holding every kind of part and awkward values (so
// an unchanged model really takes the fast way), and a single changed field anywhere in a model is still
// found, reported "updated" with its part, and written.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { INVENTORY_FORMAT, INVENTORY_FORMAT_VERSION, type ModelDoc } from "@/lib/exports/format";
import { exportInventory, loadModelDocs } from "@/lib/exports/inventory";
import { runImport } from "@/lib/imports/run-import";
import { modelDocFingerprint, modelDocFingerprintText, storedFingerprints, storedFingerprintTexts } from "@/lib/imports/inventory-fingerprint";
import type { ModelActor } from "@/lib/models/mutations";

const key = `test-fp-${Date.now().toString(36)}`;
let admin: ModelActor;

const docOf = async (k = key): Promise<ModelDoc> => (await loadModelDocs(prisma, { key: k }))[0]!;
const importModels = (models: unknown[], dryRun = false) =>
  runImport({
    actor: admin,
    format: "inventory",
    payload: { format: INVENTORY_FORMAT, formatVersion: INVENTORY_FORMAT_VERSION, exportedAt: new Date().toISOString(), businessUnits: [], people: [], datasets: [], models },
    dryRun,
  });
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const fastPath = async (doc: ModelDoc) => modelDocFingerprint(doc) !== null && (await storedFingerprints(prisma, [doc.key])).get(doc.key)?.fingerprint === modelDocFingerprint(doc);

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: u.role, email: u.email };
  // a copy of the richest demo model, with every part the export has and values the two texts must write alike
  const { models } = await exportInventory();
  const score = (m: ModelDoc) =>
    m.versions.reduce((n, v) => n + v.datasets.length + v.biasAssessments.reduce((k, a) => k + 1 + a.metrics.length, 0), 0) +
    m.monitoring.checks.reduce((n, c) => n + c.features.length, 0) +
    m.sections.length +
    m.incidents.length * 5 +
    (m.monitoring.config ? 3 : 0);
  // (a demo model: an earlier run's test model, richer still, already holds the changed values below)
  const base = clone(models.filter((m) => !m.key.startsWith("test-fp-")).sort((a, b) => score(b) - score(a))[0]!);
  const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 256));
  const doc: ModelDoc = {
    ...base,
    key,
    name: 'Fingerprint "test" \\ model',
    description: "Line one\nline two\ttab \u0001 ctrl, emoji \u{1F600}, é, \u2028",
    euRegistration: { deployerContact: "Someone", zeta: "last", a: "first", "ü-key": "non-ascii key" },
    fria: {
      processes: "Triage",
      periodAndFrequency: "Daily",
      affectedPersons: "Applicants",
      specificRisks: "Bias",
      humanOversight: "Review",
      mitigationMeasures: "Appeals",
      notifiedAt: "2027-02-15T00:00:00.000Z",
      notificationReference: "MSA-1",
      reviewedAt: "2027-02-16T10:11:12.345Z",
      reviewNote: null,
    },
    classification: { ...base.classification, answers: { b: 1, aa: [1, 2.5, "x"], nested: { z: null, y: true } }, ruleSet: base.classification.ruleSet ?? null },
    versions: base.versions.map((v, i) => ({
      ...v,
      metrics: { auc: 0.91, small: 0.5, count: 3 },
      lastRollbackDrillMinutes: i === 0 ? 0.00012 : 45,
      withdrawnAt: v.withdrawnAt ?? null,
      withdrawalReason: v.withdrawalReason ?? null,
      biasAssessments: v.biasAssessments.map((a) => ({ ...a, withdrawnAt: a.withdrawnAt ?? null, withdrawalReason: a.withdrawalReason ?? null })),
    })),
    monitoring: {
      config: base.monitoring.config ?? { enabled: true, features: ["income"], metrics: ["psi"], warningThreshold: 0.1, criticalThreshold: 0.25, cadenceDays: 7 },
      checks: base.monitoring.checks.map((c, i) =>
        i === 0
          ? {
              ...c,
              features: [
                ...c.features.map((f, j) => (j === 0 ? { ...f, psi: 1e-5, wasserstein: 1.5e20, ksPValue: 123456789012345 } : f)),
                // feature results are written as PostgreSQL's record text: values it must quote, an empty
                // text next to a missing one, white space, non-ASCII and astral characters
                { feature: '~ "quoted", (paren) \\ back', featureType: "", psi: null, ksStatistic: 0, ksPValue: 1e-300, wasserstein: -2.5e-7, metricName: "", metricValue: -0.5, status: "WARNING" },
                {
                  feature: "~~tab\there new\nline é \u{1F600}",
                  featureType: "categorical",
                  psi: 0.3,
                  ksStatistic: null,
                  ksPValue: null,
                  wasserstein: null,
                  metricName: "m (x)",
                  metricValue: null,
                  status: "CRITICAL",
                },
              ],
            }
          : c,
      ),
    },
    sections: base.sections.map((s, i) =>
      i === 0
        ? {
            ...s,
            evidence: [
              {
                fileName: "every-7th-byte.bin",
                size: bytes.length,
                mediaType: "application/octet-stream",
                sha256: createHash("sha256").update(bytes).digest("hex"),
                contentBase64: bytes.toString("base64"),
                uploadedByEmail: admin.email,
                uploadedAt: "2026-03-04T05:06:07.089Z",
              },
            ],
          }
        : s,
    ),
    incidents: base.incidents.map((x) => ({ ...x, withdrawnAt: x.withdrawnAt ?? null, withdrawalReason: x.withdrawalReason ?? null })),
  };
  const report = await importModels([doc]);
  expect(report.rows).toEqual([expect.objectContaining({ key, outcome: "created" })]);
}, 300_000);

afterAll(() => prisma.$disconnect());

describe("inventory re-import fingerprint", () => {
  it("PostgreSQL and the import write the same text for every demo model and for a model with every part", async () => {
    const { models } = await exportInventory();
    const texts = await storedFingerprintTexts(
      prisma,
      models.map((m) => m.key),
    );
    const differing = models.filter((m) => texts.get(m.key) !== modelDocFingerprintText(m)).map((m) => m.key);
    expect(differing).toEqual([]);
    const rich = models.find((m) => m.key === key)!;
    // the model really holds every kind of part
    expect(rich.fria).not.toBeNull();
    expect(rich.euRegistration).not.toBeNull();
    expect(rich.sections.some((s) => s.evidence.length > 0)).toBe(true);
    expect(rich.incidents.length).toBeGreaterThan(0);
    expect(rich.versions.some((v) => v.biasAssessments.some((a) => a.metrics.length > 0))).toBe(true);
    expect(rich.monitoring.checks.some((c) => c.features.length > 0)).toBe(true);
  }, 300_000);

  it("an unchanged model takes the fast way and is reported unchanged; a file without the newer fields goes the full way", async () => {
    const doc = await docOf();
    expect(await fastPath(doc)).toBe(true);
    const report = await importModels([doc]);
    expect(report.rows).toEqual([expect.objectContaining({ key, outcome: "unchanged", changes: [] })]);
    const { fria: _fria, euRegistration: _reg, ...older } = clone(doc);
    expect(modelDocFingerprint(older as ModelDoc)).toBeNull();
    expect((await importModels([older])).rows).toEqual([expect.objectContaining({ key, outcome: "unchanged" })]);
  }, 120_000);

  const cases: Array<[string, keyof ModelDoc, (d: ModelDoc) => void]> = [
    ["name", "name", (d) => (d.name = `${d.name}!`)],
    ["description", "description", (d) => (d.description = "Changed description")],
    ["lifecycle", "lifecycle", (d) => (d.lifecycle = d.lifecycle === "RETIRED" ? "PRODUCTION" : "RETIRED")],
    ["environments", "environments", (d) => (d.environments = [...d.environments, "staging-eu"])],
    ["next review date", "nextReviewAt", (d) => (d.nextReviewAt = "2031-01-02T00:00:00.000Z")],
    ["EU database id", "euDatabaseId", (d) => (d.euDatabaseId = "EU-FP-2")],
    ["registration value", "euRegistration", (d) => (d.euRegistration = { ...d.euRegistration!, zeta: "changed" })],
    ["FRIA element", "fria", (d) => (d.fria = { ...d.fria!, specificRisks: "Changed risks" })],
    ["FRIA review date", "fria", (d) => (d.fria = { ...d.fria!, reviewedAt: "2027-03-01T00:00:00.001Z" })],
    ["classification rationale", "classification", (d) => (d.classification.rationale = "Changed rationale")],
    ["classification answer", "classification", (d) => (d.classification.answers = { ...(d.classification.answers as object), b: 2 })],
    ["version registry URI", "versions", (d) => (d.versions[0]!.registryUri = "models:/changed/1")],
    ["version metrics", "versions", (d) => (d.versions[0]!.metrics = { auc: 0.92, small: 0.5, count: 3 })],
    ["version drill minutes", "versions", (d) => (d.versions[0]!.lastRollbackDrillMinutes = 0.00013)],
    [
      "version withdrawal",
      "versions",
      (d) => Object.assign(d.versions.find((v) => !v.active) ?? d.versions[0]!, { withdrawnAt: "2027-01-01T00:00:00.000Z", withdrawalReason: "Registered by mistake" }),
    ],
    ["bias assessment findings", "versions", (d) => (d.versions.find((v) => v.biasAssessments.length)!.biasAssessments[0]!.findings = "Changed findings")],
    ["bias metric value", "versions", (d) => (d.versions.flatMap((v) => v.biasAssessments).find((a) => a.metrics.length)!.metrics[0]!.value += 0.001)],
    [
      "bias assessment withdrawal",
      "versions",
      (d) => Object.assign(d.versions.find((v) => v.biasAssessments.length)!.biasAssessments[0]!, { withdrawnAt: "2027-01-02T00:00:00.000Z", withdrawalReason: "Wrong data" }),
    ],
    ["monitoring threshold", "monitoring", (d) => (d.monitoring.config!.warningThreshold = 0.11)],
    ["check status", "monitoring", (d) => (d.monitoring.checks[0]!.status = d.monitoring.checks[0]!.status === "CRITICAL" ? "HEALTHY" : "CRITICAL")],
    ["feature result", "monitoring", (d) => (d.monitoring.checks.find((c) => c.features.length)!.features[0]!.psi = 2e-5)],
    ["section content", "sections", (d) => (d.sections[0]!.content = `${d.sections[0]!.content} (changed)`)],
    ["section status", "sections", (d) => (d.sections[0]!.status = d.sections[0]!.status === "COMPLETE" ? "DRAFT" : "COMPLETE")],
    ["incident corrective actions", "incidents", (d) => (d.incidents[0]!.correctiveActions = "Changed actions")],
    ["incident withdrawal", "incidents", (d) => Object.assign(d.incidents[0]!, { withdrawnAt: "2027-01-03T00:00:00.000Z", withdrawalReason: "Not an incident" })],
  ];

  it.each(cases)(
    "a changed %s is found, reported and written",
    async (_label, part, mutate) => {
      const before = await docOf();
      expect(await fastPath(before)).toBe(true);
      const changed = clone(before);
      mutate(changed);
      expect(modelDocFingerprint(changed)).not.toBe(modelDocFingerprint(before));
      // dry run first: found, nothing written
      expect((await importModels([changed], true)).rows).toEqual([expect.objectContaining({ key, outcome: "updated", changes: [part] })]);
      expect(await docOf()).toEqual(before);
      const report = await importModels([changed]);
      expect(report.rows).toEqual([expect.objectContaining({ key, outcome: "updated", changes: [part] })]);
      const after = await docOf();
      expect(after).toEqual(changed);
      // and the changed model is unchanged (by the fast way) when imported again
      expect(await fastPath(after)).toBe(true);
      expect((await importModels([after])).rows).toEqual([expect.objectContaining({ key, outcome: "unchanged" })]);
    },
    120_000,
  );

  // every field of the parts the stored text builds per row (feature results, checks, sections, evidence):
  // one changed value is never taken for the stored model, so the model is compared in full and updated
  type Check = ModelDoc["monitoring"]["checks"][number];
  type Feature = Check["features"][number];
  type Evidence = ModelDoc["sections"][number]["evidence"][number];
  const checkWithFeatures = (d: ModelDoc) => d.monitoring.checks.find((c) => c.features.length > 1)!;
  const feature = (d: ModelDoc, change: Partial<Feature>) => Object.assign(checkWithFeatures(d).features[0]!, change);
  const evidence = (d: ModelDoc, change: Partial<Evidence>) => Object.assign(d.sections.find((s) => s.evidence.length)!.evidence[0]!, change);
  const leafCases: Array<[string, (d: ModelDoc) => void, outcome?: "updated" | "rejected"]> = [
    ["feature name", (d) => feature(d, { feature: `${checkWithFeatures(d).features[0]!.feature} ` })],
    ["feature type", (d) => feature(d, { featureType: "other" })],
    ["feature psi", (d) => feature(d, { psi: 0.123 })],
    ["feature KS statistic", (d) => feature(d, { ksStatistic: 0.77 })],
    ["feature KS p-value", (d) => feature(d, { ksPValue: 0.0301 })],
    ["feature Wasserstein distance", (d) => feature(d, { wasserstein: 9.5 })],
    ["feature metric name", (d) => feature(d, { metricName: "auc" })],
    ["feature metric value", (d) => feature(d, { metricValue: 0.5 })],
    ["feature status", (d) => feature(d, { status: checkWithFeatures(d).features[0]!.status === "WARNING" ? "HEALTHY" : "WARNING" })],
    ["feature metric name missing instead of empty", (d) => (checkWithFeatures(d).features.find((f) => f.metricName === "")!.metricName = null)],
    ["a feature result more", (d) => checkWithFeatures(d).features.push({ ...checkWithFeatures(d).features.at(-1)!, feature: "~~~ added" })],
    ["a feature result less", (d) => checkWithFeatures(d).features.pop()],
    ["check time", (d) => (checkWithFeatures(d).observedAt = "2019-01-01T00:00:00.001Z")],
    ["check version", (d) => (checkWithFeatures(d).version = checkWithFeatures(d).version === null ? d.versions[0]!.version : null)],
    ["section key", (d) => (d.sections[0]!.sectionKey = `${d.sections[0]!.sectionKey}-x`)],
    ["section update time", (d) => (d.sections[0]!.updatedAt = "2027-05-05T05:05:05.005Z")],
    ["section author", (d) => (d.sections[0]!.updatedByEmail = d.sections[0]!.updatedByEmail === null ? admin.email : null)],
    ["evidence file name", (d) => evidence(d, { fileName: "renamed.bin" })],
    ["evidence size", (d) => evidence(d, { size: 301 })],
    ["evidence media type", (d) => evidence(d, { mediaType: "application/pdf" })],
    // (then it no longer matches its sha256, which the import refuses)
    ["evidence content", (d) => evidence(d, { contentBase64: Buffer.from("other bytes").toString("base64") }), "rejected"],
    ["evidence upload time", (d) => evidence(d, { uploadedAt: "2026-03-04T05:06:07.090Z" })],
    ["evidence uploader", (d) => evidence(d, { uploadedByEmail: null })],
  ];

  it.each(leafCases)(
    "a changed %s is not taken for the stored model",
    async (_label, mutate, outcome = "updated") => {
      const before = await docOf();
      expect(await fastPath(before)).toBe(true);
      const changed = clone(before);
      mutate(changed);
      expect(changed).not.toEqual(before);
      expect(modelDocFingerprint(changed)).not.toBe(modelDocFingerprint(before));
      expect(await fastPath(changed)).toBe(false);
      // a dry run finds the change (nothing is written)
      expect((await importModels([changed], true)).rows).toEqual([expect.objectContaining({ key, outcome })]);
    },
    120_000,
  );

  it("a model named twice, or only in part, is still compared in full", async () => {
    const doc = await docOf();
    const part = { ...clone(doc), sections: [], incidents: [] };
    expect(await fastPath(part)).toBe(false);
    expect((await importModels([part])).rows).toEqual([expect.objectContaining({ key, outcome: "unchanged" })]);
    const twice = await importModels([doc, { ...clone(doc), name: "Other" }]);
    expect(twice.rows.map((r) => r.outcome)).toEqual(["unchanged", "rejected"]);
  }, 120_000);
});
