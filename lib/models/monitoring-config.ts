import "server-only";
import { z } from "zod";
import { safeString } from "../validation";
import { prisma } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import { withVerdictGuard, type ModelActor } from "./mutations";
import { refreshCompliance } from "./compliance";

export const monitoringConfigSchema = z
  .object({
    enabled: z.boolean(),
    features: z.array(safeString().trim().min(1).max(100)).min(1, "Watch at least one feature.").max(200, "At most 200 features."),
    warningThreshold: z.coerce.number({ error: "Enter a number." }).positive("Must be above 0."),
    criticalThreshold: z.coerce.number({ error: "Enter a number." }).positive("Must be above 0."),
    cadenceDays: z.coerce.number({ error: "Enter a whole number of days." }).int("Enter a whole number of days.").min(1).max(365),
  })
  .refine((v) => v.criticalThreshold > v.warningThreshold, { path: ["criticalThreshold"], message: "The critical threshold must be above the warning threshold." });

export async function saveMonitoringConfig({ actor, key, input }: { actor: ModelActor; key: string; input: unknown }) {
  const parsed = monitoringConfigSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  return prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { key }, select: { id: true, businessOwnerId: true, technicalOwnerId: true, monitoringConfig: true } });
    if (!model) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
    assertCan(actor, "model.edit", { kind: "model", model });
    const data = { ...parsed.data, metrics: ["psi", "ks", "wasserstein"] };
    const config = await withVerdictGuard(tx, actor, [model.id], async () => {
      const row = await tx.monitoringConfig.upsert({ where: { modelId: model.id }, create: { modelId: model.id, ...data }, update: data });
      await refreshCompliance(tx, { modelIds: [model.id] });
      return row;
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "monitoring_config.save",
      entityType: "MonitoringConfig",
      entityId: config.id,
      modelId: model.id,
      before: model.monitoringConfig,
      after: config,
    });
    return config;
  });
}
