// The inventory import's normal form of a model document (lib/imports/inventory.ts): a document already in
// export order is taken as it is instead of being merged into an empty model. Both ways must give the
// same document, key for key (undefined members included), or the comparison after it would differ.
import { describe, expect, it } from "vitest";
import type { ModelDoc } from "@/lib/exports/format";
import { mergeModelDoc, normaliseModelDoc } from "@/lib/imports/inventory";

const version = (v: string, active: boolean): ModelDoc["versions"][number] => ({
  version: v,
  registryUri: null,
  stage: null,
  active,
  deployedAt: null,
  trainingPipelineVersion: null,
  servingPipelineVersion: null,
  metrics: null,
  rollbackTargetVersion: null,
  rollbackProcedure: null,
  lastRollbackDrillAt: null,
  lastRollbackDrillMinutes: null,
  // lists below the top level are not ordered by the normal form (a merge orders them)
  datasets: [
    { key: "z-set", version: "1", purpose: "TRAINING" },
    { key: "a-set", version: "1", purpose: "VALIDATION" },
  ],
  biasAssessments: [],
});
const check = (observedAt: string, v: string | null, feature = "income"): ModelDoc["monitoring"]["checks"][number] => ({
  observedAt,
  version: v,
  status: "HEALTHY",
  features: [{ feature, featureType: "numeric", psi: 0.02, ksStatistic: null, ksPValue: null, wasserstein: null, metricName: null, metricValue: null, status: "HEALTHY" }],
});
const section = (sectionKey: string): ModelDoc["sections"][number] => ({ sectionKey, content: "text", status: "DRAFT", updatedAt: "2026-01-01T00:00:00.000Z", updatedByEmail: null, evidence: [] });
const incident = (occurredAt: string, title: string): ModelDoc["incidents"][number] => ({
  title,
  occurredAt,
  awareAt: occurredAt,
  severity: "SERIOUS",
  deadlineRule: "STANDARD",
  description: "",
  affectedPersons: null,
  correctiveActions: null,
  authorityNotifiedAt: null,
  closedAt: null,
  createdByEmail: null,
});

const inExportOrder: ModelDoc = {
  key: "credit-scoring",
  name: "Credit scoring",
  description: null,
  intendedPurpose: null,
  foreseeableMisuse: null,
  businessUnit: null,
  actorRole: "PROVIDER",
  publicAuthority: false,
  lifecycle: "PRODUCTION",
  environments: ["prod"],
  businessOwnerEmail: null,
  technicalOwnerEmail: null,
  nextReviewAt: null,
  euDatabaseId: null,
  classification: {
    riskClass: "HIGH",
    status: "CONFIRMED",
    legalBasis: [],
    rationale: null,
    transparencyDuties: [],
    answers: null,
    classifiedAt: null,
    classifiedByEmail: null,
    gpai: false,
    gpaiSystemicRisk: false,
  },
  versions: [version("1", false), version("2", true)],
  monitoring: { config: null, checks: [check("2026-01-01T00:00:00.000Z", "1"), check("2026-01-01T00:00:00.000Z", "2"), check("2026-01-02T00:00:00.000Z", null)] },
  sections: [section("annex-iv-1"), section("annex-iv-2")],
  incidents: [incident("2026-01-01T00:00:00.000Z", "A"), incident("2026-01-01T00:00:00.000Z", "B")],
};
const byMerge = (doc: ModelDoc) => mergeModelDoc({ ...doc, euRegistration: undefined, fria: null, versions: [], monitoring: { config: null, checks: [] }, sections: [], incidents: [] }, doc);
const clone = <T>(x: T): T => structuredClone(x);

describe("normaliseModelDoc", () => {
  it.each<[string, (d: ModelDoc) => void]>([
    ["without the newer fields (an older file)", () => undefined],
    ["with a registration and no FRIA", (d) => Object.assign(d, { euRegistration: { contact: "x" }, fria: null })],
    ["with everything empty", (d) => Object.assign(d, { versions: [], monitoring: { config: null, checks: [] }, sections: [], incidents: [] })],
  ])("gives a document in export order %s exactly as the merge does", (_label, change) => {
    const doc = clone(inExportOrder);
    change(doc);
    expect(normaliseModelDoc(doc)).toStrictEqual(byMerge(doc));
    expect(Object.keys(normaliseModelDoc(doc))).toEqual(Object.keys(byMerge(doc)));
  });

  it.each<[string, (d: ModelDoc) => void]>([
    ["versions out of order", (d) => d.versions.reverse()],
    ["checks out of order", (d) => d.monitoring.checks.reverse()],
    ["sections out of order", (d) => d.sections.reverse()],
    ["incidents out of order", (d) => d.incidents.reverse()],
    ["a version twice", (d) => d.versions.push({ ...version("2", false), stage: "later" })],
    ["a check twice", (d) => d.monitoring.checks.push(check("2026-01-02T00:00:00.000Z", null, "age"))],
    ["a section twice", (d) => d.sections.push({ ...section("annex-iv-2"), content: "later" })],
    ["an incident twice", (d) => d.incidents.push({ ...incident("2026-01-01T00:00:00.000Z", "B"), description: "later" })],
  ])("orders and de-duplicates a document with %s as the merge does", (_label, change) => {
    const doc = clone(inExportOrder);
    change(doc);
    const normal = normaliseModelDoc(doc);
    expect(normal).toStrictEqual(byMerge(doc));
    expect(normal).not.toStrictEqual({ ...doc, euRegistration: undefined, fria: null });
  });
});
