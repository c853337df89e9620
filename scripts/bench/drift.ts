// Benchmark: PSI + KS + Wasserstein-1 on 1,000,000 reference vs 1,000,000 current samples, beside the time
// of a plain Float64Array sort of the same 2,000,000 numbers in the same run.
// Usage: npx tsx scripts/bench/drift.ts [reference] [current]   → prints one JSON object.

import { computeDrift } from "../../lib/monitoring/drift";

/** mulberry32 + Box-Muller: deterministic normal samples. */
function normals(count: number, seed: number, mean: number, sd: number): Float64Array {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297; // (0, 1): log never sees 0
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const theta = 2 * Math.PI * uniform();
    out[i] = mean + sd * r * Math.cos(theta);
    if (i + 1 < count) out[i + 1] = mean + sd * r * Math.sin(theta);
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

function main() {
  const n = Number(process.argv[2] ?? 1_000_000);
  const m = Number(process.argv[3] ?? 1_000_000);
  const reference = normals(n, 1, 0, 1);
  const current = normals(m, 2, 0.1, 1.1);
  const combined = new Float64Array(n + m);
  combined.set(reference, 0);
  combined.set(current, n);

  const warmups = 2;
  const runs = 7;
  const sortTimes: number[] = [];
  const driftTimes: number[] = [];
  let result = computeDrift(reference, current, "numeric");
  for (let run = 0; run < warmups + runs; run++) {
    // both measured in the same iteration, back to back, so machine load affects them alike
    const t0 = performance.now();
    const copy = combined.slice();
    copy.sort();
    const t1 = performance.now();
    result = computeDrift(reference, current, "numeric", { feature: "bench" });
    const t2 = performance.now();
    if ((copy[0] as number) > (copy[copy.length - 1] as number)) throw new Error("sort failed");
    if (run >= warmups) {
      sortTimes.push(t1 - t0);
      driftTimes.push(t2 - t1);
    }
  }
  const sortMs = median(sortTimes);
  const driftMs = median(driftTimes);
  console.log(
    JSON.stringify(
      {
        benchmark: "drift-statistics",
        reference: n,
        current: m,
        distributions: { reference: "N(0, 1)", current: "N(0.1, 1.1²)", seeds: [1, 2] },
        warmupRuns: warmups,
        measuredRuns: runs,
        sortMs: round(sortMs),
        driftMs: round(driftMs),
        ratio: round(driftMs / sortMs, 3),
        targetRatio: 2,
        withinTarget: driftMs / sortMs <= 2,
        sortMsAll: sortTimes.map((t) => round(t)),
        driftMsAll: driftTimes.map((t) => round(t)),
        result: { psi: result.psi, ksStatistic: result.ks.statistic, ksPValue: result.ks.pValue, wasserstein: result.wasserstein, status: result.status },
        heapUsedMB: round(process.memoryUsage().heapUsed / 1048576, 1),
        node: process.version,
      },
      null,
      2,
    ),
  );
}

main();
