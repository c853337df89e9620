// Queries + authorization → the model dossier's content DTO (types.ts). No rendering here.
// Every signed-in role reads every model (PRODUCT.md); the audit-log excerpt follows the audit-log
// permission and is otherwise replaced by a sentence saying it was withheld for the reader's role.
import "server-only";
import { prisma } from "../db";
import { chainBeforeRead } from "../audit-log/appender";
import { AppError } from "../errors";
import { assertCan, can, type Actor } from "../authz/policy";
import { DOCUMENTATION_SECTIONS, REQUIREMENTS_BY_ID, describeLegalBasis, type CompletenessItem } from "../compliance";
import { evaluateModel } from "../models/compliance";
import { ACTOR_ROLE_LABELS, ROLE_LABELS } from "../labels";
import { contentSha256 } from "./content-hash";
import { gapOwner } from "./gap-owner";
import { featureResultFields } from "../monitoring/feature-result";
import { FRIA_ELEMENTS } from "../fria/schemas";
import { registrationExport, type RegistrationSectionId } from "../compliance";
import type { DatasetRow, FriaSection, Issuance, ModelDossierData, Person, RequirementRow, SectionContent } from "./types";

export const MONITORING_HISTORY_LIMIT = 20;
export const AUDIT_EXCERPT_LIMIT = 50;

export type DossierReader = Actor & { name: string; email: string };

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const person = (u: { name: string; email: string } | null | undefined): Person | null => (u ? { name: u.name, email: u.email } : null);

const requirementRow = (i: CompletenessItem): RequirementRow => ({ id: i.id, title: i.title, article: i.article, status: i.status, mandatory: i.mandatory, reason: i.reason });

export async function getModelDossierData({ actor, modelKey, recordId, asOf = new Date() }: { actor: DossierReader; modelKey: string; recordId: string; asOf?: Date }): Promise<ModelDossierData> {
  assertCan(actor, "inventory.read");
  const model = await prisma.model.findUnique({
    where: { key: modelKey },
    include: {
      businessUnit: { select: { name: true } },
      businessOwner: { select: { name: true, email: true } },
      technicalOwner: { select: { name: true, email: true } },
      classifiedBy: { select: { name: true } },
      fria: true,
      sections: {
        include: {
          updatedBy: { select: { name: true } },
          evidence: {
            select: { fileName: true, size: true, mediaType: true, sha256: true, uploadedAt: true, uploadedBy: { select: { name: true } } },
            orderBy: { uploadedAt: "asc" },
          },
        },
      },
      // withdrawn records stay in the portal's history; the dossier states what holds
      versions: {
        where: { withdrawnAt: null },
        orderBy: [{ active: "desc" }, { createdAt: "desc" }],
        include: {
          datasets: { include: { dataset: { include: { owner: { select: { name: true } } } } } },
          biasAssessments: {
            where: { withdrawnAt: null },
            orderBy: { assessedAt: "desc" },
            include: { assessor: { select: { name: true } }, metrics: { orderBy: [{ metric: "asc" }, { group: "asc" }] } },
          },
        },
      },
      monitoringConfig: true,
      reviews: { orderBy: { submittedAt: "desc" }, include: { submittedBy: { select: { name: true } }, decidedBy: { select: { name: true } } } },
      incidents: { where: { withdrawnAt: null }, orderBy: { occurredAt: "desc" } },
    },
  });
  if (!model) throw new AppError("NOT_FOUND", `No model with the key "${modelKey}".`);
  const evaluated = await evaluateModel(modelKey, asOf);
  if (!evaluated) throw new AppError("NOT_FOUND", `No model with the key "${modelKey}".`);
  const { result } = evaluated;

  const [checks, totalChecks, latest] = await Promise.all([
    prisma.monitoringCheck.findMany({
      where: { modelId: model.id },
      orderBy: { observedAt: "desc" },
      take: MONITORING_HISTORY_LIMIT,
      select: { observedAt: true, status: true, version: { select: { version: true } }, features: { select: { feature: true, psi: true, status: true } } },
    }),
    prisma.monitoringCheck.count({ where: { modelId: model.id } }),
    prisma.monitoringCheck.findFirst({
      where: { modelId: model.id },
      orderBy: { observedAt: "desc" },
      include: { version: { select: { version: true } }, features: { orderBy: { feature: "asc" } } },
    }),
  ]);

  const auditAllowed = can(actor, "auditLog.read", { kind: "model", model });
  const auditLog: ModelDossierData["auditLog"] = auditAllowed
    ? await (async () => {
        // events of monitoring pushes are chained in the background: the excerpt shows every committed one
        await chainBeforeRead();
        const [events, total] = await Promise.all([
          prisma.auditEvent.findMany({ where: { modelId: model.id }, orderBy: { seq: "desc" }, take: AUDIT_EXCERPT_LIMIT }),
          prisma.auditEvent.count({ where: { modelId: model.id } }),
        ]);
        return {
          included: true as const,
          total,
          events: events.map((e) => ({ seq: e.seq.toString(), at: e.at.toISOString(), actor: e.actorLabel, action: e.action, entity: `${e.entityType} ${e.entityId}`, hash: e.hash })),
        };
      })()
    : { included: false as const, reason: `The audit-log excerpt is withheld: the role ${ROLE_LABELS[actor.role]} may not read this model's audit log.` };

  const owners = { business: person(model.businessOwner), technical: person(model.technicalOwner) };
  const requiredSections = new Set<string>(result.items.flatMap((i) => (i.sectionKey ? [i.sectionKey] : [])));
  const sectionsByKey = new Map(model.sections.map((s) => [s.sectionKey, s]));
  const sectionContent = (def: { key: string; title: string; article: string }): SectionContent => {
    const row = sectionsByKey.get(def.key);
    return {
      key: def.key,
      title: def.title,
      article: def.article,
      status: row ? row.status : "ABSENT",
      content: row?.content ?? "",
      updatedAt: iso(row?.updatedAt),
      updatedBy: row?.updatedBy?.name ?? null,
      evidence: (row?.evidence ?? []).map((e) => ({
        fileName: e.fileName,
        size: e.size,
        mediaType: e.mediaType,
        sha256: e.sha256,
        uploadedAt: e.uploadedAt.toISOString(),
        uploadedBy: e.uploadedBy?.name ?? null,
      })),
      required: requiredSections.has(def.key),
    };
  };
  const annexIv = DOCUMENTATION_SECTIONS.filter((s) => s.key.startsWith("annex-iv-")).map(sectionContent);
  const otherSections = DOCUMENTATION_SECTIONS.filter((s) => !s.key.startsWith("annex-iv-"))
    .map(sectionContent)
    .filter((s) => s.required || (s.status !== "ABSENT" && s.status !== "EMPTY"));

  const active = model.versions.find((v) => v.active) ?? null;
  const data: ModelDossierData = {
    kind: "MODEL_DOSSIER",
    issuance: { recordId, generatedAt: asOf.toISOString(), generatedBy: { name: actor.name, email: actor.email, role: ROLE_LABELS[actor.role] }, contentSha256: "" },
    asOf: asOf.toISOString(),
    model: {
      key: model.key,
      name: model.name,
      description: model.description,
      intendedPurpose: model.intendedPurpose,
      foreseeableMisuse: model.foreseeableMisuse,
      businessUnit: model.businessUnit?.name ?? null,
      lifecycle: model.lifecycle,
      environments: model.environments,
      actorRole: ACTOR_ROLE_LABELS[model.actorRole],
      effectiveRole: ACTOR_ROLE_LABELS[result.effectiveRole],
      publicAuthority: model.publicAuthority,
      riskClass: model.riskClass,
      legalBasis: model.legalBasis.map((id) => ({ id, ...describeLegalBasis(id) })),
      riskRationale: model.riskRationale,
      transparencyDuties: model.transparencyDuties,
      classificationStatus: model.classificationStatus,
      classifiedAt: iso(model.classifiedAt),
      classifiedBy: model.classifiedBy?.name ?? null,
      gpai: model.gpai,
      gpaiSystemicRisk: model.gpaiSystemicRisk,
      businessOwner: owners.business,
      technicalOwner: owners.technical,
      nextReviewAt: iso(model.nextReviewAt),
      euDatabaseId: model.euDatabaseId,
      revision: model.revision,
      activeVersion: active?.version ?? null,
    },
    completeness: {
      score: result.score,
      undocumented: result.undocumented,
      auditReady: result.items.every((i) => i.status === "complete"),
      counts: result.counts,
    },
    annexIv,
    otherSections,
    fria: friaSection(
      model.fria,
      result.items.find((i) => i.id === "HR_D_FRIA"),
    ),
    euRegistration: registrationOf(model.key, model.euDatabaseId, model.euRegistration, result.items),
    datasets: (active?.datasets ?? []).map(datasetRowOf).sort((a, b) => a.purpose.localeCompare(b.purpose) || a.key.localeCompare(b.key)),
    biasAssessments: model.versions.flatMap((v) =>
      v.biasAssessments.map((b) => ({
        version: v.version,
        assessedAt: b.assessedAt.toISOString(),
        assessor: b.assessor?.name ?? null,
        methodology: b.methodology,
        protectedAttributes: b.protectedAttributes,
        status: b.status,
        findings: b.findings,
        mitigations: b.mitigations,
        metrics: b.metrics.map((m) => ({ metric: m.metric, group: m.group, value: m.value, threshold: m.threshold, passed: m.passed })),
      })),
    ),
    versions: model.versions.map((v) => ({
      version: v.version,
      active: v.active,
      registryUri: v.registryUri,
      stage: v.stage,
      deployedAt: iso(v.deployedAt),
      trainingPipelineVersion: v.trainingPipelineVersion,
      servingPipelineVersion: v.servingPipelineVersion,
      metrics: metricPairs(v.metrics),
      rollbackTargetVersion: v.rollbackTargetVersion,
      rollbackProcedure: v.rollbackProcedure,
      lastRollbackDrillAt: iso(v.lastRollbackDrillAt),
      lastRollbackDrillMinutes: v.lastRollbackDrillMinutes,
    })),
    rollbackReadiness: result.items.filter((i) => REQUIREMENTS_BY_ID.get(i.id)?.rollbackReadiness).map(requirementRow),
    monitoring: {
      status: result.monitoringStatus,
      reason: result.monitoringDetail.reason,
      config: model.monitoringConfig
        ? {
            enabled: model.monitoringConfig.enabled,
            features: model.monitoringConfig.features,
            metrics: model.monitoringConfig.metrics,
            warningThreshold: model.monitoringConfig.warningThreshold,
            criticalThreshold: model.monitoringConfig.criticalThreshold,
            cadenceDays: model.monitoringConfig.cadenceDays,
          }
        : null,
      latestCheck: latest
        ? {
            observedAt: latest.observedAt.toISOString(),
            version: latest.version?.version ?? null,
            status: latest.status,
            features: latest.features.map(featureResultFields),
          }
        : null,
      history: checks.map((c) => ({ observedAt: c.observedAt.toISOString(), version: c.version?.version ?? null, status: c.status, worstFeature: worstFeature(c.features) })),
      totalChecks,
    },
    approvals: model.reviews.map((r) => ({
      status: r.status,
      modelRevision: r.modelRevision,
      submittedAt: r.submittedAt.toISOString(),
      submittedBy: r.submittedBy.name,
      submissionNote: r.submissionNote,
      decidedAt: iso(r.decidedAt),
      decidedBy: r.decidedBy?.name ?? null,
      comment: r.comment,
    })),
    incidents: model.incidents.map((i) => ({
      title: i.title,
      severity: i.severity,
      occurredAt: i.occurredAt.toISOString(),
      awareAt: i.awareAt.toISOString(),
      authorityNotifiedAt: iso(i.authorityNotifiedAt),
      closedAt: iso(i.closedAt),
      description: i.description,
      correctiveActions: i.correctiveActions,
    })),
    findings: result.findings.map((f) => ({ id: f.id, severity: f.severity, article: f.article, reason: f.reason, fix: f.fix })),
    requirements: result.items.map(requirementRow),
    gaps: result.items
      .filter((i): i is CompletenessItem & { status: "missing" | "stale" } => i.status !== "complete")
      .map((i) => ({ id: i.id, title: i.title, article: i.article, status: i.status, mandatory: i.mandatory, reason: i.reason, fix: i.fix, owner: gapOwner(i, owners) })),
    auditLog,
  };
  return withContentHash(data);
}

export function withContentHash<T extends { issuance: Issuance }>(data: T): T {
  return { ...data, issuance: { ...data.issuance, contentSha256: contentSha256(data) } };
}

function metricPairs(metrics: unknown): Array<[string, string]> {
  if (metrics === null || typeof metrics !== "object" || Array.isArray(metrics)) return [];
  return Object.entries(metrics as Record<string, unknown>)
    .filter(([, v]) => typeof v === "number" || typeof v === "string")
    .map(([k, v]) => [k, String(v)]);
}

function worstFeature(features: Array<{ feature: string; psi: number | null; status: string }>): string | null {
  const rank = { CRITICAL: 2, WARNING: 1, HEALTHY: 0 } as Record<string, number>;
  let worst: (typeof features)[number] | null = null;
  for (const f of features) {
    if (!worst || (rank[f.status] ?? 0) > (rank[worst.status] ?? 0) || ((rank[f.status] ?? 0) === (rank[worst.status] ?? 0) && (f.psi ?? 0) > (worst.psi ?? 0))) worst = f;
  }
  return worst && worst.status !== "HEALTHY" ? `${worst.feature}${worst.psi !== null ? ` (PSI ${worst.psi.toFixed(3)})` : ""}` : null;
}

function friaSection(
  fria: {
    processes: string | null;
    periodAndFrequency: string | null;
    affectedPersons: string | null;
    specificRisks: string | null;
    humanOversight: string | null;
    mitigationMeasures: string | null;
    notifiedAt: Date | null;
    notificationReference: string | null;
    reviewedAt: Date;
    reviewNote: string | null;
  } | null,
  item: { status: string; reason: string } | undefined,
): FriaSection | null {
  if (fria === null && item === undefined) return null;
  return {
    required: item !== undefined,
    recorded: fria !== null,
    elements: FRIA_ELEMENTS.map((e) => ({ letter: e.letter, title: e.title, article: e.article, text: fria?.[e.field] ?? null })),
    notifiedAt: fria?.notifiedAt ? fria.notifiedAt.toISOString() : null,
    notificationReference: fria?.notificationReference ?? null,
    reviewedAt: fria ? fria.reviewedAt.toISOString() : null,
    reviewNote: fria?.reviewNote ?? null,
    status: item?.status ?? null,
    reason: item?.reason ?? null,
  };
}

const REGISTRATION_ITEMS: Record<string, RegistrationSectionId> = { HR_P_EU_DATABASE_REGISTRATION: "A", DEROGATION_REGISTRATION: "B", HR_D_EU_DATABASE_REGISTRATION: "C" };

function registrationOf(key: string, registrationId: string | null, data: unknown, items: readonly { id: string }[]): ModelDossierData["euRegistration"] {
  const item = items.find((i) => REGISTRATION_ITEMS[i.id]);
  if (!item) return null;
  const ex = registrationExport(key, REGISTRATION_ITEMS[item.id]!, (data ?? null) as Record<string, string> | null, registrationId);
  return {
    section: ex.section,
    article: ex.article,
    title: ex.title,
    registrationId: ex.registrationId,
    complete: ex.complete,
    fields: ex.fields.map(({ point, label, required, value }) => ({ point, label, required, value })),
  };
}

/** One dataset link of a version as the documents show it (the dossier, and the documentation drafts). */
export function datasetRowOf(l: { purpose: string; dataset: Omit<DatasetRow, "purpose" | "owner"> & { owner?: { name: string } | null } }): DatasetRow {
  const d = l.dataset;
  return {
    purpose: l.purpose,
    key: d.key,
    name: d.name,
    version: d.version,
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
    owner: d.owner?.name ?? null,
  };
}
