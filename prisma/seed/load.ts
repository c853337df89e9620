// Loads the generated demo organisation into an EMPTY database, in one transaction.
import "server-only";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { hashPassword } from "../../lib/auth/password";
import { recordAudit } from "../../lib/audit-log/record";
import { flushAuditLog } from "../../lib/audit-log/appender";
import { refreshCompliance } from "../../lib/models/compliance";
import { DEMO_PASSWORD, generateDemo, type DemoData } from "./demo";
import { loadSnapshotHistory } from "./history";

/** Marks an account that has no password yet (e.g. SSO-only); verifyPassword never accepts it. */
const NO_PASSWORD = "!";

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  const [users, models] = await Promise.all([prisma.user.count(), prisma.model.count()]);
  return users === 0 && models === 0;
}

export async function loadDemo(prisma: PrismaClient, { asOf = new Date() }: { asOf?: Date } = {}): Promise<DemoData> {
  const data = generateDemo({ asOf });
  const passwordHashes = new Map<string, string>();
  for (const u of data.users) passwordHashes.set(u.id, u.demoPassword ? await hashPassword(DEMO_PASSWORD) : NO_PASSWORD);

  await prisma.$transaction(
    async (tx) => {
      if ((await tx.user.count()) > 0 || (await tx.model.count()) > 0) throw new Error("refusing to load the demo organisation into a database that already has data");
      await tx.user.createMany({ data: data.users.map(({ demoPassword: _demo, ...u }) => ({ ...u, passwordHash: passwordHashes.get(u.id)! })) });
      await tx.businessUnit.createMany({ data: data.businessUnits });
      await tx.dataset.createMany({ data: data.datasets });
      await tx.model.createMany({ data: data.models.map((m) => ({ ...m, classificationAnswers: m.classificationAnswers ?? undefined })) });
      await tx.modelVersion.createMany({ data: data.versions });
      await tx.modelVersionDataset.createMany({ data: data.versionDatasets });
      await tx.biasAssessment.createMany({ data: data.biasAssessments });
      await tx.biasMetric.createMany({ data: data.biasMetrics });
      await tx.monitoringConfig.createMany({ data: data.monitoringConfigs });
      await tx.monitoringCheck.createMany({ data: data.checks });
      await tx.monitoringFeatureResult.createMany({ data: data.featureResults });
      await tx.documentationSection.createMany({ data: data.sections });
      await tx.review.createMany({ data: data.reviews.map((r) => ({ ...r, snapshot: r.snapshot ?? undefined })) });
      await tx.incident.createMany({ data: data.incidents });
      await refreshCompliance(tx, { asOf });
      await loadSnapshotHistory(tx, { asOf });
      await recordAudit(tx, {
        actor: { id: null, label: "system" },
        action: "demo.seed",
        entityType: "Organisation",
        entityId: "northwind-financial",
        after: { organisation: "Northwind Financial", asOf: data.asOf.toISOString(), ...data.summary, models: data.models.length },
      });
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
  // this client may not be the app's (which flushes after every audited commit): chain the seed's event
  await flushAuditLog(prisma);
  return data;
}
