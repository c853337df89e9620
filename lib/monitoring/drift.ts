// Drift statistics between a reference sample (training / monitoring reference) and a current sample.
// Each input is validated and copied into a Float64Array once, sorted once (typed-array sort is numeric and
// runs natively), and PSI, Kolmogorov-Smirnov and Wasserstein-1 are all read off the two sorted arrays:
// PSI by binary search of the bin edges, KS and Wasserstein in one merge pass. Total cost is the two sorts
// plus O(n + m), with no per-sample allocation.

export type NumericSample = Float64Array | readonly number[];
export type CategoricalSample = readonly (string | number)[];
export type Side = "reference" | "current";
export type DriftStatus = "HEALTHY" | "WARNING" | "CRITICAL";

/** Bad input: empty sample, NaN or ±Infinity. Names the feature, the side and the first offending index. */
export class DriftInputError extends Error {
  readonly feature: string | undefined;
  readonly side: Side;
  readonly index: number | undefined;
  constructor(message: string, details: { feature?: string; side: Side; index?: number }) {
    super(message);
    this.name = "DriftInputError";
    this.feature = details.feature;
    this.side = details.side;
    this.index = details.index;
  }
}

/** Default number of PSI bins (deciles of the reference). */
export const DEFAULT_PSI_BINS = 10;
/**
 * Proportion substituted for an empty bin (on either side) so that ln(q/p) stays finite. Proportions are
 * not renormalised afterwards; 1e-4 is the customary value and bounds one empty bin's contribution to
 * about (p - 1e-4)·ln(p / 1e-4), e.g. 0.69 for p = 0.1.
 */
export const DEFAULT_PSI_EPSILON = 1e-4;
/** Conventional PSI thresholds: < 0.1 stable, 0.1-0.25 moderate shift, >= 0.25 significant shift. */
export const DEFAULT_PSI_WARNING = 0.1;
export const DEFAULT_PSI_CRITICAL = 0.25;

const describe = (side: Side, feature: string | undefined) => (feature ? `feature "${feature}", ${side} sample` : `${side} sample`);

/** Validates and copies into a new sorted Float64Array. */
export function sortedSample(input: NumericSample, side: Side, feature?: string): Float64Array {
  const n = input.length;
  if (n === 0) throw new DriftInputError(`Drift input error (${describe(side, feature)}): the sample is empty.`, { side, ...(feature ? { feature } : {}) });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = input[i] as number;
    // v - v is 0 for every finite number and NaN for NaN and ±Infinity: one check instead of two
    if (v - v !== 0) {
      const what = Number.isNaN(v) ? "NaN" : typeof v !== "number" ? `a non-number (${typeof v})` : String(v);
      throw new DriftInputError(`Drift input error (${describe(side, feature)}): value at index ${i} is ${what}; only finite numbers are allowed.`, {
        side,
        index: i,
        ...(feature ? { feature } : {}),
      });
    }
    out[i] = v;
  }
  out.sort();
  return out;
}

/** Number of elements <= x in a sorted array. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------- PSI ----------

export type PsiBin = { lower: number; upper: number; referenceProportion: number; currentProportion: number; contribution: number };
export type PsiResult = { value: number; bins: PsiBin[] };
export type PsiOptions = { bins?: number; epsilon?: number };

/**
 * Bin edges at the reference quantiles k/bins (k = 1..bins-1), linear interpolation between order
 * statistics (the default "type 7" definition of numpy and R). Duplicate edges, from ties, are merged, so
 * heavily tied data yields fewer bins rather than empty ones.
 */
export function quantileEdges(sortedReference: Float64Array, bins: number): number[] {
  const n = sortedReference.length;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const h = ((n - 1) * k) / bins;
    const lo = Math.floor(h);
    const a = sortedReference[lo] as number;
    const b = lo + 1 < n ? (sortedReference[lo + 1] as number) : a;
    const edge = a + (h - lo) * (b - a);
    if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
  }
  return edges;
}

function psiFromCounts(refCounts: readonly number[], curCounts: readonly number[], n: number, m: number, epsilon: number) {
  let value = 0;
  const parts: { p: number; q: number; contribution: number }[] = [];
  for (let i = 0; i < refCounts.length; i++) {
    let p = (refCounts[i] as number) / n;
    let q = (curCounts[i] as number) / m;
    if (p === 0) p = epsilon;
    if (q === 0) q = epsilon;
    const contribution = (q - p) * Math.log(q / p);
    value += contribution;
    parts.push({ p, q, contribution });
  }
  return { value, parts };
}

function checkPsiOptions(options: PsiOptions): { bins: number; epsilon: number } {
  const bins = options.bins ?? DEFAULT_PSI_BINS;
  const epsilon = options.epsilon ?? DEFAULT_PSI_EPSILON;
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`PSI needs an integer number of bins >= 2, got ${bins}`);
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`PSI epsilon must be in (0, 1), got ${epsilon}`);
  return { bins, epsilon };
}

/**
 * PSI = Σ (q_i − p_i) · ln(q_i / p_i) over bins (e_{i-1}, e_i] with e_0 = −∞ and e_last = +∞;
 * p = reference proportion, q = current proportion, an empty bin's proportion replaced by epsilon.
 */
export function psiSorted(sortedReference: Float64Array, sortedCurrent: Float64Array, options: PsiOptions = {}): PsiResult {
  const { bins, epsilon } = checkPsiOptions(options);
  const n = sortedReference.length;
  const m = sortedCurrent.length;
  const edges = quantileEdges(sortedReference, bins);
  const refCounts: number[] = [];
  const curCounts: number[] = [];
  let prevRef = 0;
  let prevCur = 0;
  for (const edge of edges) {
    const r = upperBound(sortedReference, edge);
    const c = upperBound(sortedCurrent, edge);
    refCounts.push(r - prevRef);
    curCounts.push(c - prevCur);
    prevRef = r;
    prevCur = c;
  }
  refCounts.push(n - prevRef);
  curCounts.push(m - prevCur);
  const { value, parts } = psiFromCounts(refCounts, curCounts, n, m, epsilon);
  return {
    value,
    bins: parts.map((part, i) => ({
      lower: i === 0 ? -Infinity : (edges[i - 1] as number),
      upper: i === edges.length ? Infinity : (edges[i] as number),
      referenceProportion: part.p,
      currentProportion: part.q,
      contribution: part.contribution,
    })),
  };
}

export function psi(reference: NumericSample, current: NumericSample, options: PsiOptions & { feature?: string } = {}): number {
  return psiSorted(sortedSample(reference, "reference", options.feature), sortedSample(current, "current", options.feature), options).value;
}

/**
 * Categorical PSI over the union of categories (a category seen only on one side gets epsilon on the
 * other). Categories are compared by their string form, so 1 and "1" are the same category.
 */
export function categoricalPsi(
  reference: CategoricalSample,
  current: CategoricalSample,
  options: { epsilon?: number; feature?: string } = {},
): { value: number; categories: { category: string; referenceProportion: number; currentProportion: number; contribution: number }[] } {
  const epsilon = options.epsilon ?? DEFAULT_PSI_EPSILON;
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`PSI epsilon must be in (0, 1), got ${epsilon}`);
  const count = (sample: CategoricalSample, side: Side) => {
    if (sample.length === 0)
      throw new DriftInputError(`Drift input error (${describe(side, options.feature)}): the sample is empty.`, { side, ...(options.feature ? { feature: options.feature } : {}) });
    const counts = new Map<string, number>();
    for (let i = 0; i < sample.length; i++) {
      const v = sample[i];
      if (typeof v === "number" ? !Number.isFinite(v) : typeof v !== "string") {
        throw new DriftInputError(`Drift input error (${describe(side, options.feature)}): category at index ${i} is ${String(v)}.`, {
          side,
          index: i,
          ...(options.feature ? { feature: options.feature } : {}),
        });
      }
      const key = String(v);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const ref = count(reference, "reference");
  const cur = count(current, "current");
  const categories = [...new Set([...ref.keys(), ...cur.keys()])].sort();
  const { value, parts } = psiFromCounts(
    categories.map((c) => ref.get(c) ?? 0),
    categories.map((c) => cur.get(c) ?? 0),
    reference.length,
    current.length,
    epsilon,
  );
  return {
    value,
    categories: parts.map((part, i) => ({ category: categories[i] as string, referenceProportion: part.p, currentProportion: part.q, contribution: part.contribution })),
  };
}

// ---------- Kolmogorov-Smirnov and Wasserstein-1 (one merge pass) ----------

/**
 * Survival function of the Kolmogorov distribution, Q(λ) = P(K > λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}
 * (scipy's `kstwobign.sf`). For λ < 1.18 that alternating series converges slowly, so the equivalent
 * Jacobi-theta form Q(λ) = 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)} is used there.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1.18) {
    const t = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let k = 1; k < 100; k++) {
      const term = Math.exp(-(2 * k - 1) * (2 * k - 1) * t);
      sum += term;
      if (term <= 1e-17 * sum) break;
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  for (let k = 1; k < 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += k % 2 === 1 ? term : -term;
    if (term <= 1e-17 * Math.abs(sum)) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

export type KsResult = { statistic: number; pValue: number };
export type KsPValueMethod = "asymptotic" | "asymptotic-stephens";

/**
 * The two-sample p-value from the asymptotic Kolmogorov distribution: p = Q(√(n·m/(n+m)) · D).
 * "asymptotic-stephens" applies Stephens' (1970) small-sample correction,
 * p = Q((√en + 0.12 + 0.11/√en) · D) with en = n·m/(n+m) (Numerical Recipes' `kstwo`).
 */
export function ksPValue(statistic: number, n: number, m: number, method: KsPValueMethod = "asymptotic"): number {
  const en = Math.sqrt((n * m) / (n + m));
  const lambda = method === "asymptotic-stephens" ? (en + 0.12 + 0.11 / en) * statistic : en * statistic;
  return kolmogorovSurvival(lambda);
}

/**
 * D = sup_x |F(x) − G(x)| and W1 = ∫ |F(x) − G(x)| dx from two sorted samples in one merge pass over the
 * distinct values of their union (ties advance both sides together). F and G are kept as integer counts
 * and compared as |i·m − j·n| / (n·m), so D is an exact fraction and W1 loses no precision in the CDFs.
 */
export function ksAndWassersteinSorted(sortedReference: Float64Array, sortedCurrent: Float64Array): { d: number; w1: number } {
  const n = sortedReference.length;
  const m = sortedCurrent.length;
  let i = 0;
  let j = 0;
  let maxDiff = 0;
  let area = 0;
  let prev = Math.min(sortedReference[0] as number, sortedCurrent[0] as number);
  while (i < n || j < m) {
    const a = i < n ? (sortedReference[i] as number) : Infinity;
    const b = j < m ? (sortedCurrent[j] as number) : Infinity;
    const x = a < b ? a : b;
    // on [prev, x) the CDFs are i/n and j/m
    area += Math.abs(i * m - j * n) * (x - prev);
    while (i < n && sortedReference[i] === x) i++;
    while (j < m && sortedCurrent[j] === x) j++;
    const diff = Math.abs(i * m - j * n);
    if (diff > maxDiff) maxDiff = diff;
    prev = x;
  }
  const nm = n * m;
  return { d: maxDiff / nm, w1: area / nm };
}

export function ksTestSorted(sortedReference: Float64Array, sortedCurrent: Float64Array, method: KsPValueMethod = "asymptotic"): KsResult {
  const { d } = ksAndWassersteinSorted(sortedReference, sortedCurrent);
  return { statistic: d, pValue: ksPValue(d, sortedReference.length, sortedCurrent.length, method) };
}

export function ksTest(reference: NumericSample, current: NumericSample, options: { feature?: string; method?: KsPValueMethod } = {}): KsResult {
  return ksTestSorted(sortedSample(reference, "reference", options.feature), sortedSample(current, "current", options.feature), options.method);
}

export function wasserstein1(reference: NumericSample, current: NumericSample, options: { feature?: string } = {}): number {
  return ksAndWassersteinSorted(sortedSample(reference, "reference", options.feature), sortedSample(current, "current", options.feature)).w1;
}

// ---------- convenience ----------

export type DriftThresholds = { warning: number; critical: number };

/** PSI at or above `critical` is CRITICAL, at or above `warning` WARNING, else HEALTHY. */
export function driftStatus(psiValue: number, thresholds: Partial<DriftThresholds> = {}): DriftStatus {
  const warning = thresholds.warning ?? DEFAULT_PSI_WARNING;
  const critical = thresholds.critical ?? DEFAULT_PSI_CRITICAL;
  if (!(warning > 0 && critical > warning)) throw new RangeError(`Drift thresholds need 0 < warning < critical, got ${warning} / ${critical}`);
  if (Number.isNaN(psiValue)) throw new RangeError("PSI is NaN");
  return psiValue >= critical ? "CRITICAL" : psiValue >= warning ? "WARNING" : "HEALTHY";
}

export type NumericDrift = { type: "numeric"; psi: number; ks: KsResult; wasserstein: number; status: DriftStatus; reference: number; current: number };
export type CategoricalDrift = { type: "categorical"; psi: number; status: DriftStatus; reference: number; current: number };

export type DriftOptions = PsiOptions & { feature?: string; thresholds?: Partial<DriftThresholds>; ksMethod?: KsPValueMethod };

export function computeDrift(reference: NumericSample, current: NumericSample, type: "numeric", options?: DriftOptions): NumericDrift;
export function computeDrift(reference: CategoricalSample, current: CategoricalSample, type: "categorical", options?: DriftOptions): CategoricalDrift;
export function computeDrift(
  reference: NumericSample | CategoricalSample,
  current: NumericSample | CategoricalSample,
  type: "numeric" | "categorical",
  options: DriftOptions = {},
): NumericDrift | CategoricalDrift {
  if (type === "categorical") {
    const value = categoricalPsi(reference as CategoricalSample, current as CategoricalSample, options).value;
    return { type, psi: value, status: driftStatus(value, options.thresholds), reference: reference.length, current: current.length };
  }
  const ref = sortedSample(reference as NumericSample, "reference", options.feature);
  const cur = sortedSample(current as NumericSample, "current", options.feature);
  const psiValue = psiSorted(ref, cur, options).value;
  const { d, w1 } = ksAndWassersteinSorted(ref, cur);
  return {
    type,
    psi: psiValue,
    ks: { statistic: d, pValue: ksPValue(d, ref.length, cur.length, options.ksMethod) },
    wasserstein: w1,
    status: driftStatus(psiValue, options.thresholds),
    reference: ref.length,
    current: cur.length,
  };
}
