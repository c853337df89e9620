// Benchmark: completeness for 10,000 models (plus the inventory summary over them).
// Usage: npx tsx scripts/bench/compliance.ts [models]   → prints one JSON object.

import v8 from "node:v8";
import vm from "node:vm";
import { evaluateCompleteness, type CompletenessResult } from "../../lib/compliance/completeness";
import { DOCUMENTATION_SECTIONS } from "../../lib/compliance/catalogue";
import { summarizeInventory } from "../../lib/compliance/inventory";
import { ACTOR_ROLES, LIFECYCLES, RISK_CLASSES, type CheckStatus, type DocumentationSectionFacts, type ModelFacts } from "../../lib/compliance/types";

/** mulberry32: tiny deterministic PRNG so every run measures the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AS_OF = new Date("2026-09-15T12:00:00.000Z");
const DAY = 86_400_000;

function generate(count: number, seed: number): ModelFacts[] {
  const rnd = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const ago = (maxDays: number) => new Date(AS_OF.getTime() - Math.floor(rnd() * maxDays) * DAY);
  const units = ["Retail Banking", "Payments", "Insurance", "People/HR", "Marketing", "Operations"];
  const bases: Record<string, string[][]> = {
    HIGH: [["ANNEX_III_5B"], ["ANNEX_III_4A"], ["ANNEX_III_5C"], ["ART_6_1", "ANNEX_I_A11"], ["ANNEX_III_2"]],
    PROHIBITED: [["ART_5_1_F"]],
    LIMITED: [["ART_50_1"], ["ART_50_2"], ["ART_50_3"]],
    MINIMAL: [[], ["ANNEX_III_4A", "ART_6_3_D"]],
    OUT_OF_SCOPE: [["ART_3_1_NOT_AI_SYSTEM"]],
    UNCLASSIFIED: [[]],
  };
  const models: ModelFacts[] = [];
  for (let i = 0; i < count; i++) {
    const riskClass = pick(RISK_CLASSES);
    const legalBasis = pick(bases[riskClass] ?? [[]]);
    const documentation: Record<string, DocumentationSectionFacts> = {};
    for (const s of DOCUMENTATION_SECTIONS) {
      const r = rnd();
      if (r < 0.8) documentation[s.key] = { status: r < 0.7 ? "COMPLETE" : "DRAFT", updatedAt: ago(500), evidenceCount: Math.floor(rnd() * 3) };
    }
    models.push({
      key: `model-${i}`,
      name: `Model ${i}`,
      businessUnit: rnd() < 0.95 ? pick(units) : null,
      lifecycle: rnd() < 0.7 ? "PRODUCTION" : pick(LIFECYCLES),
      actorRole: pick(ACTOR_ROLES),
      publicAuthority: rnd() < 0.1,
      intendedPurpose: rnd() < 0.9 ? "Scores things." : null,
      businessOwner: rnd() < 0.9 ? { id: "b", name: "Owner B" } : null,
      technicalOwner: rnd() < 0.9 ? { id: "t", name: "Owner T" } : null,
      classification: {
        riskClass,
        legalBasis,
        rationale: "Questionnaire.",
        classifiedAt: ago(500),
        confirmed: rnd() < 0.85,
        transparencyDuties: legalBasis.filter((b) => b.startsWith("ART_50")),
        gpai: rnd() < 0.05,
        gpaiSystemicRisk: rnd() < 0.01,
      },
      euDatabaseId: rnd() < 0.5 ? `EU-${i}` : null,
      documentation,
      activeVersion:
        rnd() < 0.95
          ? {
              version: "3",
              trainingPipelineVersion: "fp-1",
              servingPipelineVersion: rnd() < 0.9 ? "fp-1" : "fp-2",
              rollbackTargetVersion: rnd() < 0.8 ? "2" : null,
              rollbackProcedure: "Redeploy version 2.",
              lastRollbackDrillAt: rnd() < 0.7 ? ago(300) : null,
              lastRollbackDrillMinutes: 2 + Math.floor(rnd() * 15),
              datasets: [
                { purpose: "TRAINING", datasetKey: "d1", datasetName: "Train", hasProvenance: rnd() < 0.9, hasBiasExamination: rnd() < 0.8 },
                { purpose: "TEST", datasetKey: "d2", datasetName: "Test", hasProvenance: rnd() < 0.9, hasBiasExamination: rnd() < 0.8 },
              ],
              biasAssessments: rnd() < 0.7 ? [{ assessedAt: ago(500), status: rnd() < 0.9 ? "FINAL" : "DRAFT", allPassed: rnd() < 0.8 }] : [],
            }
          : null,
      monitoring: {
        config: rnd() < 0.85 ? { enabled: rnd() < 0.95, cadenceDays: pick([1, 7, 7, 7, 30]), warningThreshold: 0.1, criticalThreshold: 0.25, features: ["a", "b", "c"] } : null,
        checks: Array.from({ length: Math.floor(rnd() * 6) }, () => ({
          observedAt: ago(40),
          status: pick<CheckStatus>(["HEALTHY", "HEALTHY", "HEALTHY", "WARNING", "CRITICAL"]),
        })),
      },
    });
  }
  return models;
}

// Collect between runs so one run's garbage is not billed to the next (the usual benchmark hygiene);
// exposing gc at run time keeps the plain `npx tsx scripts/bench/compliance.ts` invocation working.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function main() {
  const count = Number(process.argv[2] ?? 10_000);
  const models = generate(count, 20260915);
  const warmups = 5;
  const runs = 20;
  const completenessTimes: number[] = [];
  const inventoryTimes: number[] = [];
  let results: CompletenessResult[] = [];
  for (let run = 0; run < warmups + runs; run++) {
    results = []; // each run holds exactly one inventory's worth of results
    collectGarbage();
    const t0 = performance.now();
    results = models.map((m) => evaluateCompleteness(m, AS_OF));
    const t1 = performance.now();
    const summary = summarizeInventory(models.map((facts, i) => ({ facts, result: results[i] as CompletenessResult })));
    const t2 = performance.now();
    if (summary.productionModels < 0) throw new Error("unreachable");
    if (run >= warmups) {
      completenessTimes.push(t1 - t0);
      inventoryTimes.push(t2 - t1);
    }
  }
  completenessTimes.sort((a, b) => a - b);
  inventoryTimes.sort((a, b) => a - b);
  const summary = summarizeInventory(models.map((facts, i) => ({ facts, result: results[i] as CompletenessResult })));
  const itemsEvaluated = results.reduce((s, r) => s + r.items.length, 0);
  const p50 = percentile(completenessTimes, 50);
  console.log(
    JSON.stringify(
      {
        benchmark: "compliance-completeness",
        models: count,
        asOf: AS_OF.toISOString(),
        seed: 20260915,
        warmupRuns: warmups,
        measuredRuns: runs,
        itemsEvaluatedPerRun: itemsEvaluated,
        completenessMs: {
          min: round(completenessTimes[0] as number),
          p50: round(p50),
          p95: round(percentile(completenessTimes, 95)),
          max: round(completenessTimes[completenessTimes.length - 1] as number),
        },
        perModelMicroseconds: round((p50 * 1000) / count),
        modelsPerSecond: Math.round((count / p50) * 1000),
        inventorySummaryMs: { p50: round(percentile(inventoryTimes, 50)), p95: round(percentile(inventoryTimes, 95)) },
        targetMs: 200,
        withinTarget: percentile(completenessTimes, 95) < 200,
        heapUsedMB: round(process.memoryUsage().heapUsed / 1048576, 1),
        inventory: { productionModels: summary.productionModels, documented: summary.documented, undocumented: summary.undocumented },
        node: process.version,
      },
      null,
      2,
    ),
  );
}

main();
