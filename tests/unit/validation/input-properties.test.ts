// Property-based tests (fast-check) for every API body and server-action input schema: start from a
// valid input, put a hostile value (NUL, unpaired surrogates, dates outside years 1-9999, huge or
// fractional numbers, nested junk) into one field, and check that the schema never throws and that
// whatever it accepts can be stored and read back unchanged (no unsafe text, dates in range, finite
// numbers, int4-sized integers). A schema field without the shared refinements fails here.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { signInSchema, newUserSchema } from "@/lib/auth/schemas";
import { biasAssessmentSchema, correctBiasAssessmentSchema } from "@/lib/bias/assessments";
import { createDatasetSchema, linkDatasetSchema, updateDatasetSchema } from "@/lib/datasets/schemas";
import { sectionInputSchema } from "@/lib/documentation/schemas";
import { generateRequestSchema } from "@/lib/dossier/generate";
import { correctIncidentSchema, incidentSchema } from "@/lib/incidents/incidents";
import { classificationInputSchema } from "@/lib/models/classification";
import { monitoringConfigSchema } from "@/lib/models/monitoring-config";
import { createModelSchema, updateModelSchema } from "@/lib/models/schemas";
import { decideReviewSchema, submitReviewSchema } from "@/lib/reviews/reviews";
import { createTokenSchema } from "@/lib/tokens/schemas";
import { correctVersionSchema, createVersionSchema, rollbackDrillSchema, updateVersionSchema } from "@/lib/versions/schemas";
import { monitoringBatchSchema, monitoringPushSchema, upsertModelSchema } from "@/lib/api/schemas";
import { preferencesInputSchema } from "@/lib/notifications/preferences";
import { friaInputSchema } from "@/lib/fria/schemas";
import { friaDocSchema } from "@/lib/exports/format";
import { bulkFollowUpSchema } from "@/lib/follow-up/schemas";
import { INT4_MAX, MAX_DATE, MIN_DATE, findUnsafeText, isSafeText, withdrawalSchema } from "@/lib/validation";

const day = "2026-01-15";
const iso = "2026-01-15T10:00:00.000Z";

const FRIA_SAMPLE = { processes: "p", periodAndFrequency: "weekly", affectedPersons: "a", specificRisks: "r", humanOversight: "h", mitigationMeasures: "m", notificationReference: "MSA-1" };

/** Each input schema with one valid input (as a form or the API would send it). */
const SCHEMAS: Array<[name: string, schema: z.ZodType, valid: Record<string, unknown>]> = [
  [
    "createModel (form + PUT /models/{key})",
    createModelSchema,
    { key: "m-1", name: "Model", lifecycle: "DEVELOPMENT", description: "d", businessUnit: "Risk", environments: ["prod"], nextReviewAt: day, euDatabaseId: "x" },
  ],
  ["updateModel (form)", updateModelSchema, { revision: "3", name: "Model", lifecycle: "PRODUCTION", intendedPurpose: "p" }],
  ["upsertModel (PUT /models/{key})", upsertModelSchema, { name: "Model", lifecycle: "PRODUCTION", revision: 2, foreseeableMisuse: "m", technicalOwnerEmail: "a@b.example" }],
  ["createVersion (form + POST versions)", createVersionSchema, { version: "1.0", registryUri: "models:/m/1", stage: "prod", deployedAt: iso, metrics: { auc: 0.8 }, rollbackProcedure: "r" }],
  ["updateVersion (PATCH version)", updateVersionSchema, { stage: "staging", active: true, trainingPipelineVersion: "a", servingPipelineVersion: "b" }],
  ["rollbackDrill (form + POST rollback-drills)", rollbackDrillSchema, { performedAt: iso, minutes: 12, rollbackTargetVersion: "0.9" }],
  [
    "monitoringPush (POST monitoring-checks)",
    monitoringPushSchema,
    { version: "1.0", observedAt: iso, metrics: [{ feature: "amount", metric: "psi", value: 0.1 }], features: [{ name: "f", type: "numeric", reference: [1, 2, 3], current: [2, 3, 4] }] },
  ],
  [
    "monitoringBatch (POST /monitoring-checks)",
    monitoringBatchSchema,
    {
      checks: [
        { model: "m-1", version: "1.0", observedAt: iso, metrics: [{ feature: "amount", metric: "psi", value: 0.1 }] },
        { model: "m-2", metrics: [{ feature: "auc", metric: "auc", value: 0.9 }] },
      ],
    },
  ],
  ["generateRequest (POST dossiers)", generateRequestSchema, { kind: "INVENTORY_REPORT", format: "csv", filters: { businessUnit: "Risk" } }],
  ["createDataset (form)", createDatasetSchema, { key: "d-1", name: "Data", version: "1", description: "x", licence: "cc" }],
  ["updateDataset (form)", updateDatasetSchema, { revision: "1", name: "Data", version: "2", provenance: "x" }],
  ["linkDataset (form)", linkDatasetSchema, { version: "1.0", datasetId: "0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11", purpose: "TRAINING" }],
  ["section (form)", sectionInputSchema, { content: "text", status: "COMPLETE", expectedUpdatedAt: iso }],
  ["incident (form)", incidentSchema, { title: "t", occurredAt: day, awareAt: day, severity: "SERIOUS", deadlineRule: "STANDARD", description: "d", affectedPersons: "a", correctiveActions: "c" }],
  [
    "biasAssessment (form)",
    biasAssessmentSchema,
    {
      version: "1.0",
      assessedAt: day,
      methodology: "m",
      protectedAttributes: ["age"],
      findings: "f",
      mitigations: "m",
      status: "FINAL",
      metrics: [{ metric: "disparate_impact_ratio", group: "a/b", value: "0.9", threshold: "0.8" }],
    },
  ],
  [
    "correctBiasAssessment (form)",
    correctBiasAssessmentSchema,
    {
      revision: "2",
      reason: "typo",
      assessedAt: day,
      methodology: "m",
      protectedAttributes: ["age"],
      status: "FINAL",
      metrics: [{ metric: "disparate_impact_ratio", group: "a/b", value: "0.9", threshold: "0.8" }],
    },
  ],
  [
    "correctVersion (form)",
    correctVersionSchema,
    { revision: "1", reason: "wrong minutes", stage: "prod", deployedAt: day, lastRollbackDrillAt: day, lastRollbackDrillMinutes: "45", rollbackProcedure: "r", rollbackTargetVersion: "0.9" },
  ],
  [
    "correctIncident (form)",
    correctIncidentSchema,
    { revision: "3", reason: "wrong rule", title: "t", occurredAt: day, awareAt: day, severity: "SERIOUS", deadlineRule: "DEATH", description: "d", authorityNotifiedAt: iso },
  ],
  ["withdraw version / assessment / incident (form)", withdrawalSchema, { revision: "4", reason: "recorded twice" }],
  [
    "bulkFollowUp (inventory form)",
    bulkFollowUpSchema,
    {
      action: "assign-owner",
      scope: "selected",
      keys: ["m-1", "m-2"],
      filter: { q: "fraud", lifecycle: "PRODUCTION" },
      expectedTotal: "2",
      ownerEmail: "a@b.example",
      ownerRole: "technical",
      reviewDate: day,
      message: "m",
    },
  ],
  ["monitoringConfig (form)", monitoringConfigSchema, { enabled: true, features: ["amount"], warningThreshold: "0.1", criticalThreshold: "0.25", cadenceDays: "30" }],
  ["classification (form)", classificationInputSchema, { revision: "1", answers: { purpose: "credit", flags: ["a"], n: 3 } }],
  ["createToken (form)", createTokenSchema, { name: "pipeline", scopes: ["read"], modelKeys: ["m-1"], expiresInDays: "30" }],
  ["submitReview (form)", submitReviewSchema, { note: "please" }],
  ["decideReview (form)", decideReviewSchema, { decision: "REQUEST_CHANGES", comment: "fix" }],
  ["signIn (form)", signInSchema, { email: "a@b.example", password: "secret-secret" }],
  ["newUser (form)", newUserSchema, { name: "N", email: "n@b.example", password: "long-enough-password" }],
  ["preferences (form)", preferencesInputSchema, {}],
  ["fria (form)", friaInputSchema, { revision: "0", ...FRIA_SAMPLE, notifiedAt: "2027-02-15" }],
  ["fria (inventory import)", friaDocSchema, { ...FRIA_SAMPLE, notifiedAt: iso, reviewedAt: iso, reviewNote: null }],
];

const hostileText = fc.oneof(
  fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`),
  fc.constantFrom("\ud800", "a\udc00b", "x\udbff", "\udfff\ud800", "%00", "%ff", "\u0000"),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const hostileDate = fc.constantFrom("99999-01-01", "+275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z", "0000-12-31", "10000-01-01", "2026-02-30", "1e308", "9".repeat(20));
const hostileNumber = fc.oneof(fc.constantFrom(2 ** 31, 2 ** 53, 1e300, Number.MAX_VALUE, -Number.MAX_VALUE, 1.5, -1, 0, 5e-324), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
const hostile = fc.oneof(hostileText, hostileDate, hostileNumber, fc.constantFrom(null, true, [], {}, ["\u0000"], { "\u0000": 1 }), fc.jsonValue({ maxDepth: 3 }));

const INT_FIELDS = new Set(["revision", "cadenceDays", "expiresInDays", "limit", "page"]);

/** Why `value` (a schema's output) could not be stored and read back unchanged, or null. */
function unstorable(value: unknown, key = ""): string | null {
  if (typeof value === "string") return isSafeText(value) ? null : `${key}: unsafe text`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return `${key}: not finite`;
    if (INT_FIELDS.has(key) && (!Number.isInteger(value) || Math.abs(value) > INT4_MAX)) return `${key}: not an int4`;
    return null;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) || value < MIN_DATE || value > MAX_DATE ? `${key}: date out of range` : null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const r = unstorable(item, key);
      if (r) return r;
    }
    return null;
  }
  if (value && typeof value === "object") {
    if (findUnsafeText(Object.keys(value))) return `${key}: unsafe key`;
    for (const [k, v] of Object.entries(value)) {
      const r = unstorable(v, k);
      if (r) return r;
    }
  }
  return null;
}

function withValueAt(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

/** Every path to a leaf (and to each container) of the valid input, plus one new key. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const children = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => pathsOf(v, [...prefix, k]));
  return prefix.length ? [prefix, ...children] : [...children, ["unexpectedField"]];
}

describe("input schemas under hostile values (fast-check)", () => {
  let runs = 0;
  for (const [name, schema, valid] of SCHEMAS) {
    it(`${name}: never throws; whatever it accepts can be stored`, () => {
      expect(schema.safeParse(valid).success, `the valid sample of ${name} must pass: ${JSON.stringify(schema.safeParse(valid).error?.issues)}`).toBe(true);
      const paths = pathsOf(valid);
      fc.assert(
        fc.property(fc.constantFrom(...paths), hostile, (path, value) => {
          runs++;
          const input = withValueAt(valid, path, value);
          const result = schema.safeParse(input);
          if (result.success) expect(unstorable(result.data), `${path.join(".")} = ${JSON.stringify(value)}`).toBeNull();
        }),
        { numRuns: 300, seed: 20261201 },
      );
    });
  }
  it("ran a few thousand cases", () => expect(runs).toBeGreaterThanOrEqual(SCHEMAS.length * 300));
});
