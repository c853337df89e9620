import "server-only";
import { z } from "zod";
import { prisma, type Tx } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, type Actor } from "../authz/policy";
import type { Prisma } from "../generated/prisma/client";
import { Prisma as P } from "../generated/prisma/client";
import { withVerdictGuard, type ModelActor } from "../models/mutations";
import { refreshCompliance } from "../models/compliance";
import { createDatasetSchema, linkDatasetSchema, updateDatasetSchema } from "./schemas";
import { UUID_PATTERN, escapeLike } from "../validation";

export const datasetQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

const PAGE = 50;

export async function listDatasets({ query }: { actor: Actor; query: z.infer<typeof datasetQuerySchema> }) {
  const contains = query.q ? { contains: escapeLike(query.q), mode: "insensitive" as const } : undefined;
  const where: Prisma.DatasetWhereInput = contains ? { OR: [{ name: contains }, { key: contains }, { description: contains }, { source: contains }] } : {};
  const page = query.page ?? 1;
  const [items, total] = await Promise.all([
    prisma.dataset.findMany({
      where,
      orderBy: [{ name: "asc" }, { version: "desc" }],
      skip: (page - 1) * PAGE,
      take: PAGE,
      include: { owner: { select: { name: true } }, _count: { select: { usedBy: true } } },
    }),
    prisma.dataset.count({ where }),
  ]);
  return { items, total, page, pages: Math.max(1, Math.ceil(total / PAGE)) };
}

export async function getDataset(id: string) {
  if (!UUID_PATTERN.test(id)) return null;
  return prisma.dataset.findUnique({
    where: { id },
    include: {
      owner: { select: { id: true, name: true, email: true } },
      usedBy: { include: { version: { select: { version: true, active: true, model: { select: { key: true, name: true, lifecycle: true } } } } } },
    },
  });
}

async function ownerIdOf(tx: Tx, email: string | null | undefined) {
  if (email === undefined) return undefined;
  if (email === null) return null;
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, active: true } });
  if (!user?.active) throw new AppError("VALIDATION", "Check the highlighted fields.", { ownerEmail: [`No active user with the email ${email}.`] });
  return user.id;
}

/** Models whose verdict depends on this dataset (its provenance and bias fields feed Art. 10 items). */
async function modelsUsing(tx: Tx, datasetId: string) {
  const links = await tx.modelVersionDataset.findMany({ where: { datasetId }, select: { version: { select: { modelId: true } } } });
  return [...new Set(links.map((l) => l.version.modelId))];
}

export async function createDataset({ actor, input }: { actor: ModelActor; input: unknown }) {
  assertCan(actor, "dataset.create");
  const parsed = createDatasetSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { ownerEmail, ...fields } = parsed.data;
  try {
    return await prisma.$transaction(async (tx) => {
      const ownerId = (await ownerIdOf(tx, ownerEmail)) ?? actor.id;
      const dataset = await tx.dataset.create({ data: { ...fields, ownerId } });
      await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "dataset.create", entityType: "Dataset", entityId: dataset.id, after: dataset });
      return dataset;
    });
  } catch (e) {
    if (e instanceof P.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("CONFLICT", "A dataset with this key and version already exists.", { version: ["This key already has this version."] });
    }
    throw e;
  }
}

export async function updateDataset({ actor, id, input }: { actor: ModelActor; id: string; input: unknown }) {
  if (!UUID_PATTERN.test(id)) throw new AppError("NOT_FOUND", "No such dataset.");
  const parsed = updateDatasetSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision, ownerEmail, ...fields } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const before = await tx.dataset.findUnique({ where: { id } });
    if (!before) throw new AppError("NOT_FOUND", "No such dataset.");
    assertCan(actor, "dataset.edit", { kind: "dataset", ownerId: before.ownerId });
    const ownerId = await ownerIdOf(tx, ownerEmail);
    const using = await modelsUsing(tx, id);
    const after = await withVerdictGuard(tx, actor, using, async () => {
      const updated = await tx.dataset.updateMany({ where: { id, revision }, data: { ...fields, ...(ownerId !== undefined ? { ownerId } : {}), revision: { increment: 1 } } });
      if (updated.count !== 1) throw new AppError("CONFLICT", "Someone else saved this dataset since you opened it. Nothing was overwritten; reload to see their changes.");
      await refreshCompliance(tx, { modelIds: using });
      return tx.dataset.findUniqueOrThrow({ where: { id } });
    });
    await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "dataset.update", entityType: "Dataset", entityId: id, before, after });
    return after;
  });
}

/** Link a dataset to one of the model's versions with a purpose (training, validation, test, monitoring reference). */
export async function linkDataset({ actor, key, input }: { actor: ModelActor; key: string; input: unknown }) {
  const parsed = linkDatasetSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model });
    const version = await tx.modelVersion.findUnique({ where: { modelId_version: { modelId: model.id, version: parsed.data.version } } });
    if (!version) throw new AppError("VALIDATION", "Check the highlighted fields.", { version: ["This model has no such version."] });
    if (version.withdrawnAt) throw new AppError("VALIDATION", "Check the highlighted fields.", { version: ["This version was withdrawn."] });
    const dataset = await tx.dataset.findUnique({ where: { id: parsed.data.datasetId }, select: { id: true, name: true } });
    if (!dataset) throw new AppError("VALIDATION", "Check the highlighted fields.", { datasetId: ["No such dataset."] });
    const link = { versionId: version.id, datasetId: dataset.id, purpose: parsed.data.purpose };
    const existing = await tx.modelVersionDataset.findUnique({ where: { versionId_datasetId_purpose: link } });
    if (existing) throw new AppError("CONFLICT", "This dataset is already linked to that version with that purpose.");
    await withVerdictGuard(tx, actor, [model.id], async () => {
      await tx.modelVersionDataset.create({ data: link });
      await refreshCompliance(tx, { modelIds: [model.id] });
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "dataset.link",
      entityType: "ModelVersionDataset",
      entityId: `${version.id}/${dataset.id}/${link.purpose}`,
      modelId: model.id,
      after: { version: version.version, dataset: dataset.name, purpose: link.purpose },
    });
  });
}

/** The datasets a model can be linked to, for the link form's choice list (newest version first). */
export async function datasetChoices() {
  return prisma.dataset.findMany({ orderBy: [{ name: "asc" }, { version: "desc" }], select: { id: true, name: true, version: true }, take: 500 });
}
