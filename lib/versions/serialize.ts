// A version as the public API shows it, with the model's verdict after the change (so a pipeline sees
// at once whether, e.g., the skew check now passes).
import "server-only";
import { prisma } from "../db";
import type { VersionRow } from "./versions";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function versionJson(row: VersionRow) {
  return {
    version: row.version,
    registryUri: row.registryUri,
    stage: row.stage,
    active: row.active,
    deployedAt: iso(row.deployedAt),
    trainingPipelineVersion: row.trainingPipelineVersion,
    servingPipelineVersion: row.servingPipelineVersion,
    metrics: (row.metrics ?? null) as Record<string, number> | null,
    rollbackTargetVersion: row.rollbackTargetVersion,
    rollbackProcedure: row.rollbackProcedure,
    lastRollbackDrillAt: iso(row.lastRollbackDrillAt),
    lastRollbackDrillMinutes: row.lastRollbackDrillMinutes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function versionResult(modelKey: string, row: VersionRow) {
  const model = await prisma.model.findUniqueOrThrow({
    where: { key: modelKey },
    select: { key: true, undocumented: true, complianceScore: true, monitoringStatus: true, openItems: true },
  });
  return {
    version: versionJson(row),
    model: { key: model.key, undocumented: model.undocumented, completeness: model.complianceScore, monitoringStatus: model.monitoringStatus, openItems: model.openItems },
  };
}
