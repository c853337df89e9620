// Retention of raw monitoring detail: per-feature results older than the window go, the checks (the
// summaries every page reads) stay, the latest check of each model keeps its detail, the run is audited.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { pruneMonitoringDetail } from "@/lib/monitoring/retention";
import { runRetention } from "@/lib/jobs/tasks";
import { QUEUES, jobsConfig } from "@/lib/jobs/scheduler";
import { deleteTestModelsAfterAll } from "../support/models";

const P = `ret-${Date.now().toString(36)}`;
const now = new Date(); // the demo organisation's checks span the last months: only this test's old checks are in play
const day = 86_400_000;
const ids: Record<string, string> = {};

async function check(modelId: string, daysAgo: number, features = 3) {
  return prisma.monitoringCheck.create({
    data: {
      modelId,
      observedAt: new Date(now.getTime() - daysAgo * day),
      status: "HEALTHY",
      features: { create: Array.from({ length: features }, (_, i) => ({ feature: `f${i}`, psi: 0.01 * i, status: "HEALTHY" as const })) },
    },
  });
}

beforeAll(async () => {
  for (const name of ["busy", "quiet"]) {
    const m = await prisma.model.create({ data: { key: `${P}-${name}`, name } });
    ids[name] = m.id;
  }
});
deleteTestModelsAfterAll(P);

describe("monitoring detail retention", () => {
  it("deletes old per-feature results, keeps every check and each model's latest detail, and audits the run", async () => {
    const old1 = await check(ids.busy!, 500);
    const old2 = await check(ids.busy!, 401);
    const inside = await check(ids.busy!, 399);
    const recent = await check(ids.busy!, 1);
    const onlyOld = await check(ids.quiet!, 700); // the quiet model's latest check: its drift table stays
    const features = async (checkId: string) => prisma.monitoringFeatureResult.count({ where: { checkId } });

    // the demo organisation's own checks are all newer than the cutoff, so only these go
    const result = await pruneMonitoringDetail({ now, days: 400 });
    expect(result.deletedFeatureResults).toBe(6);
    expect(result.cutoff).toBe(new Date(now.getTime() - 400 * day).toISOString());
    expect([await features(old1.id), await features(old2.id), await features(inside.id), await features(recent.id), await features(onlyOld.id)]).toEqual([0, 0, 3, 3, 3]);
    // the summaries stay
    expect(await prisma.monitoringCheck.count({ where: { modelId: { in: [ids.busy!, ids.quiet!] } } })).toBe(5);
    const [event] = await prisma.auditEvent.findMany({ where: { action: "monitoring.detail.prune" }, orderBy: { seq: "desc" }, take: 1 });
    expect(event?.actorLabel).toBe("system: retention");
    expect(event?.after).toMatchObject({ deletedFeatureResults: 6, retentionDays: 400 });

    // idempotent: nothing more to delete, and no event for an empty run
    const events = await prisma.auditEvent.count({ where: { action: "monitoring.detail.prune" } });
    expect((await pruneMonitoringDetail({ now, days: 400 })).deletedFeatureResults).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "monitoring.detail.prune" } })).toBe(events);
  });

  it("0 days keeps everything; the window and the job's schedule come from the environment", async () => {
    await check(ids.busy!, 900);
    expect(await pruneMonitoringDetail({ now, days: 0 })).toEqual({ cutoff: null, deletedFeatureResults: 0 });
    const saved = { ...process.env };
    try {
      process.env.DOSSIER_MONITORING_DETAIL_RETENTION_DAYS = "0";
      expect((await runRetention({ now })).deletedFeatureResults).toBe(0);
      process.env.DOSSIER_MONITORING_DETAIL_RETENTION_DAYS = "800";
      expect((await runRetention({ now })).deletedFeatureResults).toBe(3);
      process.env.DOSSIER_RETENTION_CRON = "0 4 * * *";
      expect(jobsConfig().retentionCron).toBe("0 4 * * *");
      expect(QUEUES.retention).toBe("dossier-retention");
    } finally {
      process.env = saved;
    }
  });
});
