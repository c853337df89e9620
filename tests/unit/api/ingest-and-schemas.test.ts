import { describe, expect, it } from "vitest";
import { computeDrift } from "@/lib/monitoring/drift";
import { driftFromSamples, resultsFromMetrics, thresholdsOf, worstStatus } from "@/lib/monitoring-checks/ingest";
import { monitoringPushSchema, upsertModelSchema } from "@/lib/api/schemas";
import { openApiDocument } from "@/lib/api/openapi";
import { readBodyBytes, assertJsonContentType } from "@/lib/api/body";
import { AppError } from "@/lib/errors";
import { generateToken, hashToken } from "@/lib/tokens/tokens";

const T = { warning: 0.1, critical: 0.25 };

describe("driftFromSamples uses the engine's statistics", () => {
  it("returns exactly computeDrift's PSI, KS and Wasserstein-1 for a numeric feature", () => {
    const reference = Array.from({ length: 3000 }, (_, i) => Math.cos(i * 0.7) * 3);
    const current = reference.map((x) => x + 0.8);
    const expected = computeDrift(reference, current, "numeric", { thresholds: T });
    const { results, rows } = driftFromSamples([{ name: "amount", type: "numeric", reference, current }], T);
    expect(results[0]).toEqual({ name: "amount", type: "numeric", psi: expected.psi, ks: expected.ks, wasserstein: expected.wasserstein, status: expected.status });
    expect(rows[0]).toMatchObject({ psi: expected.psi, ksStatistic: expected.ks.statistic, ksPValue: expected.ks.pValue, wasserstein: expected.wasserstein });
  });

  it("omits KS and Wasserstein for a categorical feature", () => {
    const { results } = driftFromSamples([{ name: "c", type: "categorical", reference: ["a", "b", "a"], current: ["b", "b", "b"] }], T);
    expect(results[0]).toEqual({ name: "c", type: "categorical", psi: computeDrift(["a", "b", "a"], ["b", "b", "b"], "categorical").psi, status: "CRITICAL" });
  });

  it("applies the model's thresholds", () => {
    const reference = Array.from({ length: 1000 }, (_, i) => i);
    const current = reference.map((x) => x + 60);
    const psi = computeDrift(reference, current, "numeric").psi;
    expect(driftFromSamples([{ name: "x", type: "numeric", reference, current }], { warning: psi + 1, critical: psi + 2 }).results[0]?.status).toBe("HEALTHY");
    expect(driftFromSamples([{ name: "x", type: "numeric", reference, current }], { warning: psi / 4, critical: psi / 2 }).results[0]?.status).toBe("CRITICAL");
  });
});

describe("resultsFromMetrics", () => {
  it("groups metric values per feature; status follows PSI; performance metrics are stored as given", () => {
    const { results, rows } = resultsFromMetrics(
      [
        { feature: "amount", metric: "psi", value: 0.31 },
        { feature: "amount", metric: "ks_statistic", value: 0.2 },
        { feature: "amount", metric: "ks_pvalue", value: 0.0001 },
        { feature: "amount", metric: "wasserstein", value: 1.9 },
        { feature: "model", metric: "auc", value: 0.88 },
      ],
      T,
    );
    expect(results).toEqual([
      { name: "amount", type: "metric", psi: 0.31, ks: { statistic: 0.2, pValue: 0.0001 }, wasserstein: 1.9, status: "CRITICAL" },
      { name: "model", type: "metric", metrics: { auc: 0.88 }, status: "HEALTHY" },
    ]);
    expect(rows.find((r) => r.metricName === "auc")).toMatchObject({ feature: "model", metricValue: 0.88, psi: null });
  });

  it("refuses out-of-range drift values with field paths", () => {
    try {
      resultsFromMetrics([{ feature: "a", metric: "ks", value: 1.5 }], T);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fieldErrors).toHaveProperty(["metrics.0.value"]);
    }
  });

  it("worst status and threshold fallbacks", () => {
    expect(worstStatus(["HEALTHY", "WARNING", "HEALTHY"])).toBe("WARNING");
    expect(worstStatus([])).toBe("HEALTHY");
    expect(thresholdsOf(null)).toEqual(T);
    expect(thresholdsOf({ warningThreshold: 0.3, criticalThreshold: 0.2 })).toEqual(T);
    expect(thresholdsOf({ warningThreshold: 0.05, criticalThreshold: 0.2 })).toEqual({ warning: 0.05, critical: 0.2 });
  });
});

describe("wire schemas", () => {
  it("a model upsert needs only name and lifecycle", () => {
    expect(upsertModelSchema.safeParse({ name: "A", lifecycle: "PRODUCTION" }).success).toBe(true);
    const bad = upsertModelSchema.safeParse({ name: "A" });
    expect(bad.success).toBe(false);
  });

  it("accepts the issue's raw and metric push shapes and refuses an empty one", () => {
    expect(monitoringPushSchema.safeParse({ version: "7", observedAt: "2026-11-01T00:00:00Z", features: [{ name: "amount", type: "numeric", reference: [1, 2], current: [3] }] }).success).toBe(true);
    expect(monitoringPushSchema.safeParse({ metrics: [{ feature: "amount", metric: "psi", value: 0.31 }] }).success).toBe(true);
    expect(monitoringPushSchema.safeParse({}).success).toBe(false);
    expect(monitoringPushSchema.safeParse({ features: [{ name: "a", type: "numeric", reference: ["x"], current: [1] }] }).success).toBe(false);
  });

  it("parses a 2 × 1,000,000-value push quickly enough", () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => i * 0.001);
    const t0 = performance.now();
    expect(monitoringPushSchema.safeParse({ features: [{ name: "a", type: "numeric", reference: values, current: values }] }).success).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with components generated from the zod schemas", () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> } };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.schemas.UpsertModel?.required?.sort()).toEqual(["lifecycle", "name"]);
    expect(doc.components.schemas.MonitoringPush?.properties).toHaveProperty("features");
    expect(doc.components.schemas.MonitoringPush?.properties?.observedAt).toEqual(expect.objectContaining({ type: "string", format: "date-time" }));
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
  });
});

describe("request bodies", () => {
  const req = (body: string, headers: Record<string, string> = {}) => new Request("http://x/api", { method: "POST", body, headers });

  it("413 above the limit (declared or streamed), 415 without a JSON content type", async () => {
    await expect(readBodyBytes(req("x".repeat(2000)), 1000)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    await expect(readBodyBytes(req("x".repeat(200), { "content-length": "5000" }), 1000)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await readBodyBytes(req("hello"), 1000)).byteLength).toBe(5);
    expect(() => assertJsonContentType(req("{}", { "content-type": "text/plain" }))).toThrow(AppError);
    expect(() => assertJsonContentType(req("{}", { "content-type": "application/json; charset=utf-8" }))).not.toThrow();
    expect(() => assertJsonContentType(req("{}", { "content-type": "application/merge-patch+json" }))).not.toThrow();
  });
});

describe("tokens", () => {
  it("are 256-bit, prefixed, and only their sha256 is stored", () => {
    const a = generateToken();
    expect(a).toMatch(/^dsr_[A-Za-z0-9_-]{43}$/);
    expect(generateToken()).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
  });
});
