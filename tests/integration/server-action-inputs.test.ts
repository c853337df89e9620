// The domain functions behind the portal's server actions, fed hostile form values (fast-check) on the
// real database: each call either succeeds with storable data or fails with an AppError (422 / 404 /
// 409 in the form) — never a database error (a 500 page) — and a refused call writes nothing: the
// audit log, appended in the same transaction as every change, does not move.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createModel, updateModel, type ModelActor } from "@/lib/models/mutations";
import { createDataset, linkDataset, updateDataset } from "@/lib/datasets/datasets";
import { createIncident } from "@/lib/incidents/incidents";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";
import { saveSection } from "@/lib/documentation/sections";
import { createVersion, recordRollbackDrill } from "@/lib/versions/versions";
import { createBiasAssessment } from "@/lib/bias/assessments";
import { saveMonitoringConfig } from "@/lib/models/monitoring-config";
import { decideReview, submitReview } from "@/lib/reviews/reviews";

const run = Date.now().toString(36);
const key = `sa-fuzz-${run}`;
let admin: ModelActor & { name: string };
let datasetId = "";
const figures = { calls: 0, refused: 0, accepted: 0, databaseErrors: 0 };

const hostile = fc.oneof(
  fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([a, b]) => `${a}\u0000${b}`),
  fc.constantFrom("\ud800", "a\udc00b", "99999-01-01", "0000-01-01", "2026-02-30", "1e400", "-1", "2147483648", "9".repeat(30), "not-a-uuid", "%ff", "", " "),
  fc.string({ unit: "binary", maxLength: 10 }),
);

const lastSeq = async () => String((await prisma.$queryRaw<Array<{ s: bigint | null }>>`SELECT max(seq) AS s FROM "AuditEvent"`)[0]?.s ?? 0n);
const pendingCount = async () => Number((await prisma.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM "AuditPending"`.catch(() => [{ n: 0n }]))[0]?.n ?? 0);

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: u.role, email: u.email, name: u.name };
  await createModel({ actor: admin, input: { key, name: "Server action fuzz", lifecycle: "DEVELOPMENT" } });
  await createVersion({ actor: admin, modelKey: key, input: { version: "1" } });
  const ds = await createDataset({ actor: admin, input: { key: `${key}-ds`, name: "DS", version: "1" } });
  datasetId = (ds as { id: string }).id;
});
afterAll(async () => {
  console.log(`[server-action fuzz] ${JSON.stringify(figures)}`);
  await prisma.apiToken.deleteMany({ where: { name: { startsWith: "sa-fuzz" } } });
  await prisma.model.deleteMany({ where: { key: { startsWith: key } } });
  await prisma.dataset.deleteMany({ where: { key: { startsWith: key } } }).catch(() => undefined);
  await prisma.$disconnect();
});

/** The form fields of each action (as strings, the way FormData delivers them) and its domain call. */
const ACTIONS: Array<[name: string, valid: Record<string, unknown>, call: (input: Record<string, unknown>) => Promise<unknown>]> = [
  ["createModel", { key: `${key}-c`, name: "N", lifecycle: "DEVELOPMENT", businessUnit: "Risk", nextReviewAt: "2027-01-01" }, (input) => createModel({ actor: admin, input })],
  ["updateModel", { revision: "999999", name: "N", lifecycle: "DEVELOPMENT", description: "d" }, (input) => updateModel({ actor: admin, key, input })],
  ["createDataset", { key: `${key}-d`, name: "D", version: "1", description: "x" }, (input) => createDataset({ actor: admin, input })],
  ["updateDataset", { revision: "999999", name: "D", version: "2" }, (input) => updateDataset({ actor: admin, id: String(input.id ?? datasetId), input })],
  ["linkDataset", { version: "1", datasetId: "0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11", purpose: "TRAINING" }, (input) => linkDataset({ actor: admin, key, input })],
  [
    "createIncident",
    { title: "t", occurredAt: "2026-01-01", awareAt: "2026-01-02", severity: "SERIOUS", deadlineRule: "STANDARD", description: "d" },
    (input) => createIncident({ actor: admin, key, input }),
  ],
  ["createApiToken", { name: "sa-fuzz", scopes: ["read"], modelKeys: [key], expiresInDays: "30" }, (input) => createApiToken({ actor: admin, input })],
  ["revokeApiToken", { id: "0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11" }, (input) => revokeApiToken({ actor: admin, id: String(input.id) })],
  ["saveSection", { content: "c", status: "DRAFT", expectedUpdatedAt: "1999-01-01T00:00:00.000Z" }, (input) => saveSection({ actor: admin, key, sectionKey: "intended-purpose", input })],
  ["createVersion", { version: "v-x", deployedAt: "2026-01-01", stage: "s" }, (input) => createVersion({ actor: admin, modelKey: key, input })],
  ["recordRollbackDrill", { performedAt: "2026-01-01", minutes: 5 }, (input) => recordRollbackDrill({ actor: admin, modelKey: key, version: "1", input })],
  [
    "createBiasAssessment",
    { version: "9", assessedAt: "2026-01-01", methodology: "m", protectedAttributes: ["age"], status: "DRAFT", metrics: [] },
    (input) => createBiasAssessment({ actor: admin, key, input }),
  ],
  ["saveMonitoringConfig", { enabled: true, features: ["a"], warningThreshold: "0.1", criticalThreshold: "0.2", cadenceDays: "7" }, (input) => saveMonitoringConfig({ actor: admin, key, input })],
  ["submitReview", { note: "n" }, (input) => submitReview({ actor: admin, key: String(input.key ?? `${key}-none`), input })],
  ["decideReview", { decision: "APPROVE", comment: "c" }, (input) => decideReview({ actor: admin, reviewId: String(input.reviewId ?? "not-a-uuid"), input })],
];

describe("server-action domain functions under hostile form values (fast-check, real PostgreSQL)", () => {
  for (const [name, valid, call] of ACTIONS) {
    it(`${name}: an AppError or storable success, never a database error; refusals write nothing`, async () => {
      const fields = [...Object.keys(valid), "id", "key", "reviewId"];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fields), hostile, async (field, value) => {
          const before = await lastSeq();
          const pendingBefore = await pendingCount();
          figures.calls++;
          try {
            await call({ ...valid, [field]: value });
            figures.accepted++;
          } catch (e) {
            if (!isAppError(e)) {
              figures.databaseErrors++;
              throw new Error(`${name} with ${field}=${JSON.stringify(value)} threw ${e instanceof Error ? e.message.slice(0, 300) : String(e)}`);
            }
            figures.refused++;
            expect(await lastSeq(), `${name} refused but the audit log moved`).toBe(before);
            expect(await pendingCount()).toBe(pendingBefore);
          }
        }),
        { numRuns: 40, seed: 20261201 },
      );
    });
  }
});
