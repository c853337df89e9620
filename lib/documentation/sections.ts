import "server-only";
import { createHash } from "node:crypto";
import { prisma } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, can, type Actor } from "../authz/policy";
import { DOCUMENTATION_SECTIONS, DOCUMENTATION_SECTIONS_BY_KEY, applicableRequirements } from "../compliance";
import { FACTS_INCLUDE, toModelFacts } from "../models/facts";
import { refreshCompliance } from "../models/compliance";
import { reopenApprovedReview, type ModelActor } from "../models/mutations";
import { EVIDENCE_MAX_BYTES, EVIDENCE_MEDIA_TYPES, sectionInputSchema } from "./schemas";
import { UUID_PATTERN } from "../validation";
import { checkGuidance, checkSection } from "./guidance";
import { draftSection } from "./draft";
import { getDraftFacts } from "./draft-facts";

export type SectionView = {
  key: string;
  title: string;
  article: string;
  help: string;
  /** required by the catalogue for this model, and whether mandatory */
  required: "mandatory" | "recommended" | "not required";
  content: string;
  status: "EMPTY" | "DRAFT" | "COMPLETE";
  /** for the navigator: nothing written; written but not (acceptably) complete; complete */
  progress: "missing" | "thin" | "complete";
  /** the draft written from the model's facts (draft.ts), offered to the owner */
  draft: string;
  updatedAt: string | null;
  updatedBy: string | null;
  evidence: Array<{ id: string; fileName: string; size: number; mediaType: string; sha256: string; uploadedAt: string; uploadedBy: string | null }>;
};

/** The sections this model needs (mandatory first), then any other section that has content. */
export async function getDocumentation({ actor, key }: { actor: Actor; key: string }) {
  const model = await prisma.model.findUnique({
    where: { key },
    include: {
      ...FACTS_INCLUDE,
      sections: {
        include: {
          updatedBy: { select: { name: true } },
          evidence: { select: { id: true, fileName: true, size: true, mediaType: true, sha256: true, uploadedAt: true, uploadedBy: { select: { name: true } } }, orderBy: { uploadedAt: "asc" } },
          _count: { select: { evidence: true } },
        },
      },
    },
  });
  if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
  const required = new Map<string, "mandatory" | "recommended">();
  for (const item of applicableRequirements(toModelFacts(model))) {
    if (item.sectionKey && required.get(item.sectionKey) !== "mandatory") required.set(item.sectionKey, item.mandatory ? "mandatory" : "recommended");
  }
  const stored = new Map(model.sections.map((s) => [s.sectionKey, s]));
  const rank = (k: string) => (required.get(k) === "mandatory" ? 0 : required.has(k) ? 1 : 2);
  const facts = await getDraftFacts(model.id);
  const keys = DOCUMENTATION_SECTIONS.map((s) => s.key).filter((k) => required.has(k) || (stored.get(k)?.content ?? "") !== "");
  keys.sort((a, b) => rank(a) - rank(b));
  const sections: SectionView[] = keys.map((k) => {
    const meta = DOCUMENTATION_SECTIONS_BY_KEY.get(k)!;
    const s = stored.get(k);
    return {
      key: k,
      title: meta.title,
      article: meta.article,
      help: meta.help,
      required: required.get(k) ?? "not required",
      content: s?.content ?? "",
      status: s?.status ?? "EMPTY",
      progress: sectionProgress(meta.help, s?.status ?? "EMPTY", s?.content ?? ""),
      draft: facts ? (draftSection(k, facts) ?? "") : "",
      updatedAt: s ? s.updatedAt.toISOString() : null,
      updatedBy: s?.updatedBy?.name ?? null,
      evidence: (s?.evidence ?? []).map((e) => ({ ...e, uploadedAt: e.uploadedAt.toISOString(), uploadedBy: e.uploadedBy?.name ?? null })),
    };
  });
  const needed = sections.filter((s) => s.required !== "not required");
  const complete = needed.filter((s) => s.progress === "complete").length;
  const progress = { complete, total: needed.length, percent: needed.length ? Math.round((complete / needed.length) * 100) : 100 };
  return { model: { id: model.id, key: model.key, name: model.name }, sections, progress, canEdit: can(actor, "model.edit", { kind: "model", model }) };
}

/** A section is complete only when marked so and its text addresses its guidance (older saves may not). */
export function sectionProgress(help: string, status: string, content: string): SectionView["progress"] {
  if (content.trim() === "") return "missing";
  return status === "COMPLETE" && checkGuidance(help, content).complete ? "complete" : "thin";
}

function sectionMeta(sectionKey: string) {
  const meta = DOCUMENTATION_SECTIONS_BY_KEY.get(sectionKey);
  if (!meta) throw new AppError("NOT_FOUND", `There is no documentation section "${sectionKey}".`);
  return meta;
}

/** Save one section. Refused when someone saved it since the editor loaded it (nothing is overwritten). */
export async function saveSection({ actor, key, sectionKey, input }: { actor: ModelActor; key: string; sectionKey: string; input: unknown }) {
  sectionMeta(sectionKey);
  const parsed = sectionInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { content, status, expectedUpdatedAt } = parsed.data;
  if (status === "COMPLETE") {
    const check = checkSection(sectionKey, content)!;
    if (!check.complete) {
      throw new AppError("VALIDATION", "This section does not yet address its guidance: save it as a draft, or complete it.", {
        status: [`${check.thin} A section counts as complete when it addresses every guidance point.`],
      });
    }
  }
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model });
    // lock the row (or the model, for a first save) so two concurrent saves cannot both pass the check
    await tx.$executeRaw`SELECT 1 FROM "Model" WHERE id = ${model.id}::uuid FOR UPDATE`;
    const before = await tx.documentationSection.findUnique({ where: { modelId_sectionKey: { modelId: model.id, sectionKey } } });
    const current = before ? before.updatedAt.toISOString() : "";
    if (current !== expectedUpdatedAt) {
      throw new AppError("CONFLICT", "Someone else saved this section since you opened it. Your text was not saved and is still in the editor: copy it, reload to see their version, then merge.");
    }
    const now = new Date();
    const section = await tx.documentationSection.upsert({
      where: { modelId_sectionKey: { modelId: model.id, sectionKey } },
      create: { modelId: model.id, sectionKey, content, status: content.trim() ? status : "EMPTY", updatedAt: now, updatedById: actor.id },
      update: { content, status: content.trim() ? status : "EMPTY", updatedAt: now, updatedById: actor.id },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "documentation.update",
      entityType: "DocumentationSection",
      entityId: section.id,
      modelId: model.id,
      before: before ? { sectionKey, status: before.status, content: before.content } : null,
      after: { sectionKey, status: section.status, content: section.content },
    });
    await reopenApprovedReview(tx, model.id, actor);
    await refreshCompliance(tx, { modelIds: [model.id] });
    return { updatedAt: section.updatedAt.toISOString(), status: section.status };
  });
}

export type UploadedFile = { name: string; type: string; bytes: Uint8Array };

export async function addEvidence({ actor, key, sectionKey, file }: { actor: ModelActor; key: string; sectionKey: string; file: UploadedFile | null }) {
  sectionMeta(sectionKey);
  if (!file || file.bytes.byteLength === 0) throw new AppError("VALIDATION", "Choose a file to upload.", { file: ["Choose a file to upload."] });
  if (file.bytes.byteLength > EVIDENCE_MAX_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", "The file is too large.", { file: [`Files may be at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`] });
  }
  const mediaType = file.type.split(";")[0]!.trim().toLowerCase();
  if (!(mediaType in EVIDENCE_MEDIA_TYPES)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "This file type is not accepted.", {
      file: [`Accepted: ${Object.values(EVIDENCE_MEDIA_TYPES).join(", ")}.`],
    });
  }
  const fileName = file.name.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200) || "evidence";
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model });
    const section = await tx.documentationSection.upsert({
      where: { modelId_sectionKey: { modelId: model.id, sectionKey } },
      create: { modelId: model.id, sectionKey, updatedById: actor.id },
      update: {},
    });
    const evidence = await tx.evidenceFile.create({
      data: { sectionId: section.id, fileName, size: file.bytes.byteLength, mediaType, sha256, content: Buffer.from(file.bytes), uploadedById: actor.id },
      select: { id: true, fileName: true, size: true, mediaType: true, sha256: true },
    });
    await refreshCompliance(tx, { modelIds: [model.id] });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "evidence.upload",
      entityType: "EvidenceFile",
      entityId: evidence.id,
      modelId: model.id,
      after: { sectionKey, ...evidence },
    });
    return evidence;
  });
}

/** Evidence bytes for download: every signed-in role may read documentation. */
export async function getEvidenceFile({ key, id }: { actor: Actor; key: string; id: string }) {
  if (!UUID_PATTERN.test(id)) throw new AppError("NOT_FOUND", "No such evidence file.");
  const file = await prisma.evidenceFile.findFirst({ where: { id, section: { model: { key } } } });
  if (!file) throw new AppError("NOT_FOUND", "No such evidence file.");
  return file;
}
