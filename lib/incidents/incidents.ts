import "server-only";
import { z } from "zod";
import { UUID_PATTERN, correctionFields, dateInput, safeString, withdrawalSchema } from "../validation";
import { prisma, type Tx } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import { IncidentDeadlineRule, IncidentSeverity } from "../generated/prisma/enums";
import { withVerdictGuard, type ModelActor } from "../models/mutations";
import { refreshCompliance } from "../models/compliance";

const incidentFields = z.object({
  title: safeString().trim().min(1, "Enter a title.").max(200, "At most 200 characters."),
  occurredAt: dateInput(),
  awareAt: dateInput(),
  severity: z.enum(IncidentSeverity, { error: "Choose a severity." }),
  deadlineRule: z.enum(IncidentDeadlineRule, { error: "Choose which Art. 73 deadline applies." }),
  description: safeString().trim().min(1, "Describe what happened.").max(10_000, "At most 10,000 characters."),
  affectedPersons: safeString().trim().max(2000).optional(),
  correctiveActions: safeString().trim().max(10_000).optional(),
  authorityNotifiedAt: dateInput().nullable().optional(),
});

type IncidentDates = { occurredAt: Date; awareAt: Date; authorityNotifiedAt?: Date | null };
/** The order Art. 73 implies: aware after it happened, the authority notified after awareness. */
const inOrder = <T extends z.ZodType<IncidentDates>>(schema: T) =>
  schema
    .refine((v) => v.awareAt.getTime() >= v.occurredAt.getTime(), { path: ["awareAt"], message: "Awareness cannot precede the incident." })
    .refine((v) => !v.authorityNotifiedAt || v.authorityNotifiedAt.getTime() >= v.awareAt.getTime(), { path: ["authorityNotifiedAt"], message: "Notification cannot precede awareness." });

export const incidentSchema = inOrder(incidentFields);
/** Correcting an incident: every field again (the form shows the current values), the revision the user saw, and what was wrong. */
export const correctIncidentSchema = inOrder(incidentFields.extend(correctionFields));

export async function createIncident({ actor, key, input }: { actor: ModelActor; key: string; input: unknown }) {
  const parsed = incidentSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model });
    const { affectedPersons, correctiveActions, authorityNotifiedAt, ...rest } = parsed.data as z.output<typeof incidentFields>;
    // incidents may feed the engine's verdict (e.g. open serious incidents); if one moves it, the approval reopens
    const incident = await withVerdictGuard(tx, actor, [model.id], async () => {
      const row = await tx.incident.create({
        data: {
          ...rest,
          affectedPersons: affectedPersons || null,
          correctiveActions: correctiveActions || null,
          authorityNotifiedAt: authorityNotifiedAt ?? null,
          modelId: model.id,
          createdById: actor.id,
        },
      });
      await refreshCompliance(tx, { modelIds: [model.id] });
      return row;
    });
    await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "incident.create", entityType: "Incident", entityId: incident.id, modelId: model.id, after: incident });
    return incident;
  });
}

const STALE_INCIDENT = (mine: number, now: number) =>
  `Someone else changed this incident since you opened it (your revision ${mine}, now ${now}). Nothing was overwritten and your entries are kept below: reload to see their change, then apply yours again.`;

async function lockedIncident(tx: Tx, actor: ModelActor, id: string, revision: number) {
  if (!UUID_PATTERN.test(id)) throw new AppError("NOT_FOUND", "No such incident.");
  const before = await tx.incident.findUnique({ where: { id }, include: { model: { select: { id: true, businessOwnerId: true, technicalOwnerId: true } } } });
  if (!before) throw new AppError("NOT_FOUND", "No such incident.");
  assertCan(actor, "model.edit", { kind: "model", model: before.model });
  if (before.withdrawnAt) throw new AppError("CONFLICT", "This incident was withdrawn; record a new one instead.");
  if (before.revision !== revision) throw new AppError("CONFLICT", STALE_INCIDENT(revision, before.revision), { revision: ["This incident changed since you opened it."] });
  const { model, ...row } = before;
  return { modelId: model.id, before: row };
}

async function writeLockedIncident(tx: Tx, id: string, revision: number, data: Parameters<Tx["incident"]["updateMany"]>[0]["data"]) {
  const updated = await tx.incident.updateMany({ where: { id, revision, withdrawnAt: null }, data: { ...data, revision: { increment: 1 } } });
  if (updated.count !== 1) throw new AppError("CONFLICT", STALE_INCIDENT(revision, revision + 1), { revision: ["This incident changed since you opened it."] });
  return tx.incident.findUniqueOrThrow({ where: { id } });
}

/** Correct a mistaken incident in place (optimistic locking); the audit event keeps both versions and the reason. */
export async function correctIncident({ actor, id, input }: { actor: ModelActor; id: string; input: unknown }) {
  const parsed = correctIncidentSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision, reason, affectedPersons, correctiveActions, authorityNotifiedAt, ...rest } = parsed.data as z.output<typeof incidentFields> & { revision: number; reason: string };
  return prisma.$transaction(async (tx) => {
    const { modelId, before } = await lockedIncident(tx, actor, id, revision);
    const after = await withVerdictGuard(tx, actor, [modelId], async () => {
      const row = await writeLockedIncident(tx, id, revision, {
        ...rest,
        affectedPersons: affectedPersons || null,
        correctiveActions: correctiveActions || null,
        authorityNotifiedAt: authorityNotifiedAt ?? null,
      });
      await refreshCompliance(tx, { modelIds: [modelId] });
      return row;
    });
    await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "incident.correct", entityType: "Incident", entityId: id, modelId, before, after: { ...after, reason } });
    return after;
  });
}

/** Withdraw an incident recorded by mistake: it stays in the history, marked withdrawn; its Art. 73 clock and the counts ignore it. */
export async function withdrawIncident({ actor, id, input }: { actor: ModelActor; id: string; input: unknown }) {
  const parsed = withdrawalSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision, reason } = parsed.data;
  return prisma.$transaction(async (tx) => {
    const { modelId, before } = await lockedIncident(tx, actor, id, revision);
    const after = await withVerdictGuard(tx, actor, [modelId], async () => {
      const row = await writeLockedIncident(tx, id, revision, { withdrawnAt: new Date(), withdrawnById: actor.id, withdrawalReason: reason });
      await refreshCompliance(tx, { modelIds: [modelId] });
      return row;
    });
    await recordAudit(tx, { actor: { id: actor.id, label: actor.email }, action: "incident.withdraw", entityType: "Incident", entityId: id, modelId, before, after });
    return after;
  });
}
