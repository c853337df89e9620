import { describe, expect, it } from "vitest";
import {
  categoricalPsi,
  computeDrift,
  DriftInputError,
  driftStatus,
  kolmogorovSurvival,
  ksAndWassersteinSorted,
  ksPValue,
  ksTest,
  psi,
  psiSorted,
  quantileEdges,
  sortedSample,
  wasserstein1,
} from "@/lib/monitoring/drift";

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const relClose = (actual: number, expected: number, rel = 1e-9) => {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale).toBeLessThanOrEqual(rel);
};

/** Inverse standard normal CDF (Acklam), refined by one Halley step; only used to build deterministic normal samples. */
function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/** Brute-force two-sample KS D over every sample point, O((n+m)²): an independent reference. */
function bruteForceD(x: readonly number[], y: readonly number[]): number {
  let best = 0;
  for (const t of [...x, ...y]) {
    // compare integer counts so the reference is exact, like the fraction D = k / (n·m)
    const f = x.filter((v) => v <= t).length * y.length;
    const g = y.filter((v) => v <= t).length * x.length;
    best = Math.max(best, Math.abs(f - g));
  }
  return best / (x.length * y.length);
}

describe("identical samples → no drift", () => {
  it.each([
    ["integers", range(1, 1000)],
    ["with ties", [1, 1, 1, 2, 2, 3, 5, 5, 5, 5]],
    ["single value", [42]],
  ])("%s", (_label, sample) => {
    const r = computeDrift(sample, Float64Array.from(sample), "numeric");
    expect(r.psi).toBe(0);
    expect(r.ks).toEqual({ statistic: 0, pValue: 1 });
    expect(r.wasserstein).toBe(0);
    expect(r.status).toBe("HEALTHY");
  });
});

describe("PSI", () => {
  it("hand-computed: reference 1..100, current 51..150, 10 quantile bins, epsilon 1e-4", () => {
    // type-7 deciles of 1..100 are 9.9k + 1 → 10 values per bin in the reference (p = 0.1 each).
    // Current: bins 1-5 empty (q = 1e-4), bins 6-9 hold 10 each (q = 0.1), bin 10 holds 91..150 (q = 0.6).
    const expected = 5 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + 4 * 0 + (0.6 - 0.1) * Math.log(0.6 / 0.1);
    relClose(psi(range(1, 100), range(51, 100)), expected, 1e-12);
    const ref = sortedSample(range(1, 100), "reference");
    expect(quantileEdges(ref, 10).map((e) => Math.round(e * 1e9) / 1e9)).toEqual([10.9, 20.8, 30.7, 40.6, 50.5, 60.4, 70.3, 80.2, 90.1]);
    const bins = psiSorted(ref, sortedSample(range(51, 100), "current")).bins;
    expect(bins.map((b) => b.referenceProportion)).toEqual(Array(10).fill(0.1));
    expect(bins.map((b) => b.currentProportion)).toEqual([1e-4, 1e-4, 1e-4, 1e-4, 1e-4, 0.1, 0.1, 0.1, 0.1, 0.6]);
    expect(bins[0]?.lower).toBe(-Infinity);
    expect(bins[9]?.upper).toBe(Infinity);
  });

  it("hand-computed two-bin case: reference 1..4, current [1,1,1,4]", () => {
    // median edge 2.5: p = (0.5, 0.5), q = (0.75, 0.25)
    const expected = 0.25 * Math.log(1.5) + -0.25 * Math.log(0.5);
    relClose(psi([1, 2, 3, 4], [1, 1, 1, 4], { bins: 2 }), expected, 1e-12);
  });

  it("ties in the reference merge duplicate quantile edges instead of making empty bins", () => {
    const reference = [...Array(95).fill(0), 1, 2, 3, 4, 5];
    const r = psiSorted(sortedSample(reference, "reference"), sortedSample(reference, "current"));
    expect(r.bins).toHaveLength(2); // all nine decile edges are 0 → one edge {0} → bins (−∞, 0] and (0, ∞)
    expect(r.value).toBe(0);
    const constant = psiSorted(sortedSample([7, 7, 7], "reference"), sortedSample([7, 8, 9], "current"));
    expect(constant.bins.map((b) => [b.referenceProportion, b.currentProportion])).toEqual([
      [1, 1 / 3],
      [1e-4, 2 / 3],
    ]);
    relClose(constant.value, (1 / 3 - 1) * Math.log(1 / 3) + (2 / 3 - 1e-4) * Math.log(2 / 3 / 1e-4), 1e-12);
  });

  it("categorical PSI over the union of categories, hand-computed", () => {
    const reference = [...Array(50).fill("a"), ...Array(30).fill("b"), ...Array(20).fill("c")];
    const current = [...Array(40).fill("a"), ...Array(30).fill("b"), ...Array(20).fill("c"), ...Array(10).fill("d")];
    const expected = (0.4 - 0.5) * Math.log(0.4 / 0.5) + 0 + 0 + (0.1 - 1e-4) * Math.log(0.1 / 1e-4);
    const r = categoricalPsi(reference, current);
    relClose(r.value, expected, 1e-12);
    expect(r.categories.map((c) => c.category)).toEqual(["a", "b", "c", "d"]);
    expect(computeDrift(reference, current, "categorical")).toEqual({ type: "categorical", psi: r.value, status: "CRITICAL", reference: 100, current: 100 });
  });

  it("rejects bad options", () => {
    expect(() => psi([1, 2], [1, 2], { bins: 1 })).toThrow(RangeError);
    expect(() => psi([1, 2], [1, 2], { epsilon: 0 })).toThrow(RangeError);
  });
});

describe("Kolmogorov-Smirnov", () => {
  it.each([
    [[1, 2, 3], [4, 5, 6], 1],
    [[1, 2, 3, 4], [3, 4, 5, 6], 0.5],
    [[0, 1], [0.5], 0.5],
    [[1, 1, 2, 2], [1, 2, 2, 2], 0.25],
  ])("D(%j, %j) = %d", (x, y, expected) => {
    const r = ksTest(x, y);
    expect(r.statistic).toBe(expected);
    expect(r.statistic).toBe(bruteForceD(x, y));
    expect(r.pValue).toBe(kolmogorovSurvival(Math.sqrt((x.length * y.length) / (x.length + y.length)) * expected));
  });

  it("shifted normals: D matches a brute-force count exactly and the population value 2Φ(δ/2) − 1 within 1/n", () => {
    const n = 2000;
    const delta = 1;
    const x = range(0, n).map((i) => normalQuantile((i + 0.5) / n));
    const y = x.map((v) => v + delta);
    const { statistic } = ksTest(x, y);
    expect(statistic).toBe(bruteForceD(x, y));
    // Φ(0.5) = 0.691462461274013 → 2Φ(0.5) − 1 = 0.382924922548026
    expect(Math.abs(statistic - 0.382924922548026)).toBeLessThanOrEqual(1 / n + 1e-6);
  });

  it("Kolmogorov survival function matches published critical values", () => {
    // K_α with P(K > K_α) = α (Smirnov 1948 table; scipy.stats.kstwobign.isf)
    expect(kolmogorovSurvival(1.2238)).toBeCloseTo(0.1, 4);
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.05, 4);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.01, 4);
    expect(kolmogorovSurvival(1.9495)).toBeCloseTo(0.001, 5);
  });

  it("Kolmogorov survival function: both series agree, and the tail is 2(e^{-2λ²} − e^{-8λ²} + …) exactly", () => {
    const alternating = (l: number) => 2 * [1, 2, 3, 4, 5, 6, 7, 8].reduce((s, k) => s + (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * l * l), 0);
    for (const lambda of [0.8, 0.9, 1.0, 1.1, 1.17]) relClose(kolmogorovSurvival(lambda), alternating(lambda), 1e-12);
    relClose(kolmogorovSurvival(3), 2 * (Math.exp(-18) - Math.exp(-72)), 1e-12);
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(0.1)).toBe(1);
    expect(Math.abs(kolmogorovSurvival(1.18 - 1e-12) - kolmogorovSurvival(1.18))).toBeLessThan(1e-10);
  });

  it("p-value formulas: plain asymptotic and Stephens' correction", () => {
    relClose(ksPValue(0.1, 100, 100), kolmogorovSurvival(Math.sqrt(50) * 0.1), 1e-15);
    const en = Math.sqrt(50);
    relClose(ksPValue(0.1, 100, 100, "asymptotic-stephens"), kolmogorovSurvival((en + 0.12 + 0.11 / en) * 0.1), 1e-15);
    expect(ksPValue(0.1, 100, 100, "asymptotic-stephens")).toBeLessThan(ksPValue(0.1, 100, 100));
  });
});

describe("Wasserstein-1", () => {
  it("scipy's documented example: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5", () => {
    expect(wasserstein1([0, 1, 3], [5, 6, 8])).toBe(5);
  });

  it.each([
    [[0, 1], [0.5], 0.5], // E|X − 0.5| for X uniform on {0, 1}
    [[0, 0, 0, 1], [0, 1, 1, 1], 0.5],
    [[1, 2, 3, 4], [3, 4, 5, 6], 2],
  ])("W1(%j, %j) = %d", (x, y, expected) => {
    relClose(wasserstein1(x, y), expected, 1e-12);
    relClose(wasserstein1(y, x), expected, 1e-12); // symmetric
  });

  it("shifted normals: W1 equals the shift δ (exact for a translated sample)", () => {
    const n = 100_000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = normalQuantile((i + 0.5) / n);
    for (const delta of [0.25, 1, 3]) {
      const y = x.map((v) => v + delta);
      relClose(wasserstein1(x, y), delta, 1e-9);
    }
  });

  it("different sample sizes: equal-quantile discrete uniforms", () => {
    // F uniform on {0,1,2,3}, G uniform on {0,2}: |F−G| = 1/4 on [0,1), 0 on [1,2), 1/4 on [2,3) → 0.5
    relClose(wasserstein1([0, 1, 2, 3], [0, 2]), 0.5, 1e-12);
  });
});

describe("input validation", () => {
  it.each([
    ["empty reference", [], [1], "reference", undefined, /empty/],
    ["empty current", [1], [], "current", undefined, /empty/],
    ["NaN in reference", [1, Number.NaN], [1], "reference", 1, /index 1 is NaN/],
    ["+Infinity in current", [1], [0, 1, Infinity], "current", 2, /index 2 is Infinity/],
    ["-Infinity in current", [1], [-Infinity], "current", 0, /index 0 is -Infinity/],
  ] as const)("%s → DriftInputError naming side, index and feature", (_label, ref, cur, side, index, message) => {
    let error: unknown;
    try {
      computeDrift(ref, cur, "numeric", { feature: "income" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DriftInputError);
    const e = error as DriftInputError;
    expect(e.side).toBe(side);
    expect(e.index).toBe(index);
    expect(e.feature).toBe("income");
    expect(e.message).toMatch(message);
    expect(e.message).toContain('feature "income"');
  });

  it("categorical: empty sample and non-finite category", () => {
    expect(() => categoricalPsi([], ["a"])).toThrow(DriftInputError);
    expect(() => categoricalPsi([1, Number.NaN], [1])).toThrow(/index 1/);
  });

  it("never mutates the caller's arrays", () => {
    const ref = Float64Array.from([3, 1, 2]);
    const cur = [9, 7, 8];
    computeDrift(ref, cur, "numeric");
    expect(Array.from(ref)).toEqual([3, 1, 2]);
    expect(cur).toEqual([9, 7, 8]);
  });
});

describe("drift status and the convenience wrapper", () => {
  it.each([
    [0, "HEALTHY"],
    [0.0999999, "HEALTHY"],
    [0.1, "WARNING"],
    [0.2499999, "WARNING"],
    [0.25, "CRITICAL"],
    [3, "CRITICAL"],
  ] as const)("PSI %d → %s with the default 0.1 / 0.25 thresholds", (value, status) => {
    expect(driftStatus(value)).toBe(status);
  });

  it("custom thresholds and invalid ones", () => {
    expect(driftStatus(0.15, { warning: 0.2, critical: 0.3 })).toBe("HEALTHY");
    expect(() => driftStatus(0.1, { warning: 0.3, critical: 0.2 })).toThrow(RangeError);
  });

  it("computeDrift returns the same numbers as the individual functions", () => {
    const ref = range(0, 500).map((i) => Math.sin(i) * 10);
    const cur = range(0, 400).map((i) => Math.cos(i) * 12 + 1);
    const r = computeDrift(ref, cur, "numeric", { feature: "x" });
    expect(r.psi).toBe(psi(ref, cur));
    expect(r.ks).toEqual(ksTest(ref, cur));
    expect(r.wasserstein).toBe(wasserstein1(ref, cur));
    const { d } = ksAndWassersteinSorted(sortedSample(ref, "reference"), sortedSample(cur, "current"));
    expect(r.ks.statistic).toBe(d);
    expect([r.reference, r.current]).toEqual([500, 400]);
  });
});
