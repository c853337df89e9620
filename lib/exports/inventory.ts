// The whole inventory as one JSON document (format in ./format.ts). Deterministic: every list is sorted
// by its natural key, so two exports of the same data are byte-identical apart from `exportedAt`.
import "server-only";
import { prisma, type Tx } from "../db";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { featureResultFields } from "../monitoring/feature-result";
import { writableFieldsOf } from "../models/upsert";
import { INVENTORY_FORMAT, INVENTORY_FORMAT_VERSION, type DatasetDoc, type InventoryDoc, type ModelDoc } from "./format";

type Db = PrismaClient | Tx;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const MODEL_EXPORT_INCLUDE = {
  businessUnit: { select: { name: true } },
  businessOwner: { select: { email: true } },
  technicalOwner: { select: { email: true } },
  classifiedBy: { select: { email: true } },
  versions: {
    include: {
      datasets: { include: { dataset: { select: { key: true, version: true } } } },
      biasAssessments: { include: { assessor: { select: { email: true } }, metrics: true } },
    },
  },
  monitoringConfig: true,
  monitoringChecks: { include: { version: { select: { version: true } }, features: true } },
  sections: { include: { updatedBy: { select: { email: true } }, evidence: { include: { uploadedBy: { select: { email: true } } } } } },
  incidents: { include: { createdBy: { select: { email: true } } } },
  fria: true,
} as const satisfies Prisma.ModelInclude;

export type ModelExportRow = Prisma.ModelGetPayload<{ include: typeof MODEL_EXPORT_INCLUDE }>;

export function modelDocFromRow(m: ModelExportRow): ModelDoc {
  return {
    key: m.key,
    ...writableFieldsOf(m),
    nextReviewAt: iso(m.nextReviewAt),
    euDatabaseId: m.euDatabaseId,
    euRegistration: (m.euRegistration ?? null) as ModelDoc["euRegistration"],
    fria: m.fria
      ? {
          processes: m.fria.processes,
          periodAndFrequency: m.fria.periodAndFrequency,
          affectedPersons: m.fria.affectedPersons,
          specificRisks: m.fria.specificRisks,
          humanOversight: m.fria.humanOversight,
          mitigationMeasures: m.fria.mitigationMeasures,
          notifiedAt: iso(m.fria.notifiedAt),
          notificationReference: m.fria.notificationReference,
          reviewedAt: m.fria.reviewedAt.toISOString(),
          reviewNote: m.fria.reviewNote,
        }
      : null,
    classification: {
      riskClass: m.riskClass,
      status: m.classificationStatus,
      legalBasis: m.legalBasis,
      rationale: m.riskRationale,
      transparencyDuties: m.transparencyDuties,
      answers: (m.classificationAnswers ?? null) as ModelDoc["classification"]["answers"],
      classifiedAt: iso(m.classifiedAt),
      classifiedByEmail: m.classifiedBy?.email ?? null,
      gpai: m.gpai,
      gpaiSystemicRisk: m.gpaiSystemicRisk,
      ruleSet: m.classificationRuleSet,
    },
    versions: [...m.versions]
      .sort((a, b) => byText(a.version, b.version))
      .map((v) => ({
        version: v.version,
        registryUri: v.registryUri,
        stage: v.stage,
        active: v.active,
        deployedAt: iso(v.deployedAt),
        trainingPipelineVersion: v.trainingPipelineVersion,
        servingPipelineVersion: v.servingPipelineVersion,
        metrics: (v.metrics ?? null) as ModelDoc["versions"][number]["metrics"],
        rollbackTargetVersion: v.rollbackTargetVersion,
        rollbackProcedure: v.rollbackProcedure,
        lastRollbackDrillAt: iso(v.lastRollbackDrillAt),
        lastRollbackDrillMinutes: v.lastRollbackDrillMinutes,
        datasets: v.datasets
          .map((l) => ({ key: l.dataset.key, version: l.dataset.version, purpose: l.purpose }))
          .sort((a, b) => byText(`${a.key}\u0000${a.version}\u0000${a.purpose}`, `${b.key}\u0000${b.version}\u0000${b.purpose}`)),
        biasAssessments: v.biasAssessments
          .map((a) => ({
            assessedAt: a.assessedAt.toISOString(),
            assessorEmail: a.assessor?.email ?? null,
            methodology: a.methodology,
            protectedAttributes: a.protectedAttributes,
            findings: a.findings,
            mitigations: a.mitigations,
            status: a.status,
            metrics: a.metrics
              .map((x) => ({ metric: x.metric, group: x.group, value: x.value, threshold: x.threshold, passed: x.passed }))
              .sort((x, y) => byText(`${x.metric}\u0000${x.group}`, `${y.metric}\u0000${y.group}`)),
            recordedAt: a.createdAt.toISOString(),
            withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
            withdrawalReason: a.withdrawalReason,
          }))
          .sort((a, b) => byText(`${a.assessedAt}\u0000${a.methodology}\u0000${a.recordedAt}`, `${b.assessedAt}\u0000${b.methodology}\u0000${b.recordedAt}`)),
        withdrawnAt: iso(v.withdrawnAt),
        withdrawalReason: v.withdrawalReason,
      })),
    monitoring: {
      config: m.monitoringConfig
        ? {
            enabled: m.monitoringConfig.enabled,
            features: m.monitoringConfig.features,
            metrics: m.monitoringConfig.metrics,
            warningThreshold: m.monitoringConfig.warningThreshold,
            criticalThreshold: m.monitoringConfig.criticalThreshold,
            cadenceDays: m.monitoringConfig.cadenceDays,
          }
        : null,
      checks: m.monitoringChecks
        .map((c) => ({
          observedAt: c.observedAt.toISOString(),
          version: c.version?.version ?? null,
          status: c.status,
          features: c.features.map(featureResultFields).sort((a, b) => byText(`${a.feature}\u0000${a.metricName ?? ""}`, `${b.feature}\u0000${b.metricName ?? ""}`)),
        }))
        .sort((a, b) => byText(`${a.observedAt}\u0000${a.version ?? ""}`, `${b.observedAt}\u0000${b.version ?? ""}`)),
    },
    sections: m.sections
      .map((s) => ({
        sectionKey: s.sectionKey,
        content: s.content,
        status: s.status,
        updatedAt: s.updatedAt.toISOString(),
        updatedByEmail: s.updatedBy?.email ?? null,
        evidence: s.evidence
          .map((e) => ({
            fileName: e.fileName,
            size: e.size,
            mediaType: e.mediaType,
            sha256: e.sha256,
            contentBase64: Buffer.from(e.content).toString("base64"),
            uploadedByEmail: e.uploadedBy?.email ?? null,
            uploadedAt: e.uploadedAt.toISOString(),
          }))
          .sort((a, b) => byText(`${a.sha256}\u0000${a.fileName}`, `${b.sha256}\u0000${b.fileName}`)),
      }))
      .sort((a, b) => byText(a.sectionKey, b.sectionKey)),
    incidents: m.incidents
      .map((i) => ({
        title: i.title,
        occurredAt: i.occurredAt.toISOString(),
        awareAt: i.awareAt.toISOString(),
        severity: i.severity,
        deadlineRule: i.deadlineRule,
        description: i.description,
        affectedPersons: i.affectedPersons,
        correctiveActions: i.correctiveActions,
        authorityNotifiedAt: iso(i.authorityNotifiedAt),
        closedAt: iso(i.closedAt),
        createdByEmail: i.createdBy?.email ?? null,
        withdrawnAt: iso(i.withdrawnAt),
        withdrawalReason: i.withdrawalReason,
      }))
      .sort((a, b) => byText(`${a.occurredAt}\u0000${a.title}`, `${b.occurredAt}\u0000${b.title}`)),
  };
}

export async function loadModelDocs(db: Db, where: Prisma.ModelWhereInput = {}): Promise<ModelDoc[]> {
  const docs: ModelDoc[] = [];
  let cursor: string | undefined;
  // pages by key so that 10,000 models do not build one giant query result
  for (;;) {
    const rows = await db.model.findMany({ where: { AND: [where, cursor ? { key: { gt: cursor } } : {}] }, include: MODEL_EXPORT_INCLUDE, orderBy: { key: "asc" }, take: 200 });
    docs.push(...rows.map(modelDocFromRow));
    if (rows.length < 200) break;
    cursor = rows.at(-1)!.key;
  }
  return docs;
}

export function datasetDocFromRow(d: Prisma.DatasetGetPayload<{ include: { owner: { select: { email: true } } } }>): DatasetDoc {
  return {
    key: d.key,
    version: d.version,
    name: d.name,
    description: d.description,
    source: d.source,
    provenance: d.provenance,
    collectionPeriod: d.collectionPeriod,
    collectionMethod: d.collectionMethod,
    preprocessing: d.preprocessing,
    size: d.size,
    licence: d.licence,
    personalData: d.personalData,
    specialCategoryData: d.specialCategoryData,
    knownBiases: d.knownBiases,
    biasMitigations: d.biasMitigations,
    ownerEmail: d.owner?.email ?? null,
  };
}

/** Every model the caller may read (everyone may read the whole inventory), with the dataset catalogue. */
export async function exportInventory({ db = prisma, now = new Date() }: { db?: Db; now?: Date } = {}): Promise<InventoryDoc> {
  const [models, datasets, units] = await Promise.all([
    loadModelDocs(db),
    db.dataset.findMany({ include: { owner: { select: { email: true } } }, orderBy: [{ key: "asc" }, { version: "asc" }] }),
    db.businessUnit.findMany({ select: { name: true }, orderBy: { name: "asc" } }),
  ]);
  const datasetDocs = datasets.map(datasetDocFromRow).sort((a, b) => byText(`${a.key}\u0000${a.version}`, `${b.key}\u0000${b.version}`));
  const emails = new Set<string>();
  const add = (e: string | null) => e && emails.add(e);
  for (const d of datasetDocs) add(d.ownerEmail);
  for (const m of models) {
    add(m.businessOwnerEmail);
    add(m.technicalOwnerEmail);
    add(m.classification.classifiedByEmail);
    for (const v of m.versions) for (const a of v.biasAssessments) add(a.assessorEmail);
    for (const s of m.sections) {
      add(s.updatedByEmail);
      for (const e of s.evidence) add(e.uploadedByEmail);
    }
    for (const i of m.incidents) add(i.createdByEmail);
  }
  const people = await db.user.findMany({ where: { email: { in: [...emails] } }, select: { email: true, name: true, role: true }, orderBy: { email: "asc" } });
  return {
    format: INVENTORY_FORMAT,
    formatVersion: INVENTORY_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    businessUnits: units.map((u) => u.name).sort(byText),
    people: people.map((p) => ({ email: p.email, name: p.name, role: p.role })),
    datasets: datasetDocs,
    models: models.sort((a, b) => byText(a.key, b.key)),
  };
}
