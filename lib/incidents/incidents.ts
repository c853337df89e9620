import "server-only";
import { z } from "zod";
import { dateInput, safeString } from "../validation";
import { prisma } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import { IncidentDeadlineRule, IncidentSeverity } from "../generated/prisma/enums";
import { withVerdictGuard, type ModelActor } from "../models/mutations";
import { refreshCompliance } from "../models/compliance";

export const incidentSchema = z
  .object({
    title: safeString().trim().min(1, "Enter a title.").max(200, "At most 200 characters."),
    occurredAt: dateInput(),
    awareAt: dateInput(),
    severity: z.enum(IncidentSeverity, { error: "Choose a severity." }),
    deadlineRule: z.enum(IncidentDeadlineRule, { error: "Choose which Art. 73 deadline applies." }),
    description: safeString().trim().min(1, "Describe what happened.").max(10_000, "At most 10,000 characters."),
    affectedPersons: safeString().trim().max(2000).optional(),
    correctiveActions: safeString().trim().max(10_000).optional(),
    authorityNotifiedAt: dateInput().nullable().optional(),
  })
  .refine((v) => v.awareAt.getTime() >= v.occurredAt.getTime(), { path: ["awareAt"], message: "Awareness cannot precede the incident." })
  .refine((v) => !v.authorityNotifiedAt || v.authorityNotifiedAt.getTime() >= v.awareAt.getTime(), { path: ["authorityNotifiedAt"], message: "Notification cannot precede awareness." });

export async function createIncident({ actor, key, input }: { actor: ModelActor; key: string; input: unknown }) {
  const parsed = incidentSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model });
    const { affectedPersons, correctiveActions, authorityNotifiedAt, ...rest } = parsed.data;
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
