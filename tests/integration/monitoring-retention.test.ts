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
  for (const name of ["busy", "quiet", "walk-a", "walk-b", "walk-c"]) {
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
    expect(await pruneMonitoringDetail({ now, days: 0 })).toEqual({ cutoff: null, deletedFeatureResults: 0, prunedChecks: 0, readChecks: 0 });
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

  it("walks the unpruned checks in batches, reads a pruned check never again, and finds detail that arrives late", async () => {
    const walk = [ids["walk-a"]!, ids["walk-b"]!, ids["walk-c"]!];
    // far older than anything else in the database (other tests' checks are at most 900 days old), so the
    // run at 2,000 days reads only these, and batches of 2 cross the models' kept latest checks
    const at = (daysAgo: number) => 2_001 + daysAgo;
    const made: Array<{ id: string; modelId: string; latest: boolean }> = [];
    for (const [m, modelId] of walk.entries())
      for (let k = 4; k >= 0; k--) {
        const c = await check(modelId, at(k * 3 + m), 2);
        made.push({ id: c.id, modelId, latest: k === 0 });
      }
    const detail = async () =>
      new Map(
        (await prisma.monitoringCheck.findMany({ where: { modelId: { in: walk } }, select: { id: true, detailPrunedAt: true, _count: { select: { features: true } } } })).map((c) => [
          c.id,
          { features: c._count.features, pruned: c.detailPrunedAt !== null },
        ]),
      );

    const first = await pruneMonitoringDetail({ now, days: 2_000, batchChecks: 2 });
    // 15 checks read, the 12 that are not their model's latest pruned (2 results each), the 3 latest kept
    expect(first).toMatchObject({ readChecks: 15, prunedChecks: 12, deletedFeatureResults: 24 });
    let state = await detail();
    for (const c of made) expect(state.get(c.id)).toEqual(c.latest ? { features: 2, pruned: false } : { features: 0, pruned: true });

    // a second run reads only what still holds detail: the three kept latest checks, not the twelve pruned
    expect(await pruneMonitoringDetail({ now, days: 2_000, batchChecks: 2 })).toMatchObject({ readChecks: 3, prunedChecks: 0, deletedFeatureResults: 0 });

    // detail that arrives late (an import, a backfill: older than the last run's cutoff), and a model whose old
    // latest check is superseded by a newer one: the next run prunes both
    const late = await check(walk[0]!, at(7), 2);
    await check(walk[1]!, at(-1), 2);
    const third = await pruneMonitoringDetail({ now, days: 2_000, batchChecks: 2 });
    // read: the late check, walk-b's superseded latest, and the other two models' kept latest
    expect(third).toMatchObject({ readChecks: 4, prunedChecks: 2, deletedFeatureResults: 4 });
    state = await detail();
    expect(state.get(late.id)).toEqual({ features: 0, pruned: true });
    expect(state.get(made.find((c) => c.modelId === walk[1] && c.latest)!.id)).toEqual({ features: 0, pruned: true });
    // the checks themselves, the summaries, all stay
    expect(state.size).toBe(17);
  });
});
