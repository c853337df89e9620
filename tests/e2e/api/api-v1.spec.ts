// The public API v1 over HTTP against the running app: every endpoint's happy path, every error status,
// token scopes, revocation and expiry, idempotent retries, skew and rollback signals, and monitoring
// pushes that turn a model CRITICAL and clear it — with drift values checked against the engine.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { computeDrift } from "../../../lib/monitoring/drift";
import { bearer, closeDb, db, deleteModels, insertToken, jsonHeaders } from "./support";

const run = Date.now().toString(36);
const PREFIX = `api-e2e-${run}-`;
const key = (name: string) => `${PREFIX}${name}`;

let admin: string;
let adminReadOnly: string;
let ownerToken: string;
let ownerTokenOtherModel: string;
let execToken: string;
let writeOnly: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  admin = (await insertToken({ email: "admin@northwind.example" })).token;
  adminReadOnly = (await insertToken({ email: "admin@northwind.example", scopes: ["read"] })).token;
  ownerToken = (await insertToken({ email: "owner@northwind.example", modelKeys: [key("owned")] })).token;
  ownerTokenOtherModel = (await insertToken({ email: "owner@northwind.example", modelKeys: [key("other")] })).token;
  execToken = (await insertToken({ email: "exec@northwind.example" })).token;
  writeOnly = (await insertToken({ email: "compliance@northwind.example", scopes: ["write"] })).token;
});

test.afterAll(async () => {
  await deleteModels(PREFIX);
  await db().query(`DELETE FROM "ApiToken" WHERE name IN ('e2e', 'e2e-rate')`);
  await closeDb();
});

async function expectProblem(res: APIResponse, status: number) {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const body = (await res.json()) as { status: number; title: string; detail: string; type: string; errors?: Record<string, string[]> };
  expect(body.status).toBe(status);
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}

const put = (request: APIRequestContext, k: string, token: string, data: unknown) => request.put(`/api/v1/models/${k}`, { headers: jsonHeaders(token), data });

test.describe("authentication", () => {
  test("401 without credentials, with a malformed header, an unknown, a revoked or an expired token", async ({ request }) => {
    const none = await request.get("/api/v1/models");
    await expectProblem(none, 401);
    expect(none.headers()["www-authenticate"]).toContain("Bearer");
    await expectProblem(await request.get("/api/v1/models", { headers: { authorization: "Basic abc" } }), 401);
    await expectProblem(await request.get("/api/v1/models", { headers: bearer("dsr_notatoken") }), 401);
    const revoked = await insertToken({ email: "admin@northwind.example", revokedAt: new Date() });
    await expectProblem(await request.get("/api/v1/models", { headers: bearer(revoked.token) }), 401);
    const expired = await insertToken({ email: "admin@northwind.example", expiresAt: new Date(Date.now() - 1000) });
    await expectProblem(await request.get("/api/v1/models", { headers: bearer(expired.token) }), 401);
  });

  test("a valid token works and records when it was last used", async ({ request }) => {
    const t = await insertToken({ email: "auditor@northwind.example", scopes: ["read"] });
    const res = await request.get("/api/v1/models?limit=1", { headers: bearer(t.token) });
    expect(res.status()).toBe(200);
    const { rows } = await db().query<{ lastUsedAt: Date | null }>(`SELECT "lastUsedAt" FROM "ApiToken" WHERE id = $1`, [t.id]);
    expect(rows[0]?.lastUsedAt).toBeInstanceOf(Date);
  });

  test("a signed-in session also works (the portal itself), with the user's role", async ({ playwright, baseURL }) => {
    // with the portal's Origin, as the browser sends it: the 403 below is the role's, not the CSRF check's
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
    const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const login = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email: "exec@northwind.example", password: "dossier-demo", json: "true" } });
    expect(login.status()).toBeLessThan(400);
    const list = await ctx.get("/api/v1/models?limit=2");
    expect(list.status()).toBe(200);
    // an executive reads but never writes
    await expectProblem(await ctx.put(`/api/v1/models/${key("session")}`, { data: { name: "x", lifecycle: "DEVELOPMENT" } }), 403).then((b) =>
      expect(b.detail).not.toMatch(/cross-origin|Origin header/),
    );
    await ctx.dispose();
  });
});

test("GET /api/v1/openapi.json is an OpenAPI 3.1 document covering every endpoint", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { required?: string[] }> } };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      "/api/v1/models",
      "/api/v1/models/{key}",
      "/api/v1/models/{key}/versions",
      "/api/v1/models/{key}/monitoring-checks",
      "/api/v1/monitoring-checks",
      "/api/v1/models/{key}/versions/{version}/rollback-drills",
    ]),
  );
  expect(doc.components.schemas.UpsertModel?.required?.sort()).toEqual(["lifecycle", "name"]);
  expect(doc.components.schemas.Model?.required).toEqual(expect.arrayContaining(["key", "name", "lifecycle", "riskClass", "completeness", "undocumented", "monitoringStatus"]));
});

test.describe("models", () => {
  test("GET /api/v1/models filters by the inventory filters and pages with a cursor", async ({ request }) => {
    const first = await request.get("/api/v1/models?lifecycle=PRODUCTION&limit=200", { headers: bearer(adminReadOnly) });
    expect(first.status()).toBe(200);
    const page1 = (await first.json()) as { items: Array<Record<string, unknown>>; total: number; nextCursor: string | null };
    expect(page1.total).toBe(247);
    expect(page1.items).toHaveLength(200);
    expect(page1.nextCursor).toBeTruthy();
    for (const field of ["key", "name", "lifecycle", "riskClass", "completeness", "undocumented", "monitoringStatus"]) expect(page1.items[0]).toHaveProperty(field);
    expect(page1.items.every((m) => m.lifecycle === "PRODUCTION")).toBe(true);
    const second = (await (await request.get(`/api/v1/models?lifecycle=PRODUCTION&limit=200&cursor=${page1.nextCursor}`, { headers: bearer(adminReadOnly) })).json()) as typeof page1;
    expect(second.items).toHaveLength(47);
    expect(second.nextCursor).toBeNull();
    const keys = new Set([...page1.items, ...second.items].map((m) => m.key));
    expect(keys.size).toBe(247);

    const undocumented = (await (await request.get("/api/v1/models?lifecycle=PRODUCTION&documented=no&limit=1", { headers: bearer(adminReadOnly) })).json()) as typeof page1;
    expect(undocumented.total).toBe(247 - 89);
    expect(undocumented.items[0]?.undocumented).toBe(true);
    const critical = (await (await request.get("/api/v1/models?monitoringStatus=CRITICAL&limit=200", { headers: bearer(adminReadOnly) })).json()) as typeof page1;
    expect(critical.items.map((m) => m.key)).toContain("card-fraud-detection-debit-cards");
  });

  test("GET /api/v1/models/{key} returns the verdict and its requirement items; 404 for an unknown key", async ({ request }) => {
    const res = await request.get("/api/v1/models/card-fraud-detection-debit-cards", { headers: bearer(adminReadOnly) });
    expect(res.status()).toBe(200);
    const m = (await res.json()) as { key: string; monitoringStatus: string; requirements: Array<{ id: string; status: string }>; openItems: string[]; completeness: number };
    expect(m.key).toBe("card-fraud-detection-debit-cards");
    expect(m.monitoringStatus).toBe("CRITICAL");
    expect(m.requirements.length).toBeGreaterThan(3);
    expect(
      m.requirements
        .filter((i) => i.status !== "complete")
        .map((i) => i.id)
        .sort(),
    ).toEqual([...m.openItems].sort());
    await expectProblem(await request.get(`/api/v1/models/${key("nope")}`, { headers: bearer(adminReadOnly) }), 404);
    await expectProblem(await request.get(`/api/v1/models/NOT_A_KEY`, { headers: bearer(adminReadOnly) }), 404);
  });

  test("PUT upserts idempotently: 201, then unchanged, then updated; 409 on a stale revision", async ({ request }) => {
    const k = key("upsert");
    const body = { name: "Upsert model", lifecycle: "DEVELOPMENT", businessUnit: "Payments", technicalOwnerEmail: "owner@northwind.example" };
    const created = await put(request, k, admin, body);
    expect(created.status()).toBe(201);
    const m1 = (await created.json()) as { key: string; revision: number; businessUnit: string; technicalOwnerEmail: string; riskClass: string; undocumented: boolean };
    expect(m1).toMatchObject({ key: k, revision: 1, businessUnit: "Payments", technicalOwnerEmail: "owner@northwind.example", riskClass: "UNCLASSIFIED" });

    const again = await put(request, k, admin, body);
    expect(again.status()).toBe(200);
    expect(again.headers()["dossier-upsert"]).toBe("unchanged");
    expect(((await again.json()) as { revision: number }).revision).toBe(1);
    const { rows } = await db().query(`SELECT count(*)::int AS n FROM "Model" WHERE key = $1`, [k]);
    expect(rows[0].n).toBe(1);
    const audit = await db().query(`SELECT count(*)::int AS n FROM "AuditEvent" a JOIN "Model" m ON m.id = a."modelId" WHERE m.key = $1`, [k]);
    expect(audit.rows[0].n).toBe(1);

    const updated = await put(request, k, admin, { ...body, name: "Upsert model v2", revision: 1 });
    expect(updated.status()).toBe(200);
    expect(updated.headers()["dossier-upsert"]).toBe("updated");
    expect(await updated.json()).toMatchObject({ name: "Upsert model v2", revision: 2 });

    const stale = await expectProblem(await put(request, k, admin, { ...body, name: "Lost update", revision: 1 }), 409);
    expect(stale.detail).toMatch(/revision 2/);
    expect(((await (await request.get(`/api/v1/models/${k}`, { headers: bearer(admin) })).json()) as { name: string }).name).toBe("Upsert model v2");
  });

  test("PUT answers 422 with field errors, 415 for non-JSON and 413 above the body limit", async ({ request }) => {
    const invalid = await expectProblem(await put(request, key("bad"), admin, { name: "", lifecycle: "SOMEDAY", businessOwnerEmail: "not-an-email" }), 422);
    expect(Object.keys(invalid.errors ?? {}).sort()).toEqual(["businessOwnerEmail", "lifecycle", "name"]);
    const missing = await expectProblem(await put(request, key("bad"), admin, { description: "only this" }), 422);
    expect(Object.keys(missing.errors ?? {}).sort()).toEqual(["lifecycle", "name"]);
    await expectProblem(await put(request, "Bad_Key", admin, { name: "x", lifecycle: "DEVELOPMENT" }), 422);
    const notJson = await request.put(`/api/v1/models/${key("bad")}`, { headers: { ...bearer(admin), "content-type": "application/json" }, data: Buffer.from("{nope") });
    expect((await expectProblem(notJson, 422)).errors).toHaveProperty("_body");
    await expectProblem(await request.put(`/api/v1/models/${key("bad")}`, { headers: { ...bearer(admin), "content-type": "text/plain" }, data: "name=x" }), 415);
    const huge = { name: "Huge", lifecycle: "DEVELOPMENT", description: "x".repeat(1_100_000) };
    await expectProblem(await put(request, key("bad"), admin, huge), 413);
    const { rows } = await db().query(`SELECT count(*)::int AS n FROM "Model" WHERE key = $1`, [key("bad")]);
    expect(rows[0].n).toBe(0);
  });

  test("scopes and roles: read-only token, executive, owner token limited to other models → 403", async ({ request }) => {
    const body = { name: "Scoped", lifecycle: "DEVELOPMENT" };
    expect((await put(request, key("owned"), ownerToken, body)).status()).toBe(201);
    await expectProblem(await put(request, key("owned"), adminReadOnly, body), 403);
    await expectProblem(await put(request, key("owned"), execToken, body), 403);
    await expectProblem(await put(request, key("owned"), ownerTokenOtherModel, body), 403);
    // an owner token scoped to a key it does not own: the role check still refuses the write
    await db().query(`UPDATE "ApiToken" SET "modelKeys" = ARRAY['card-fraud-detection-debit-cards'] WHERE "tokenHash" = encode(sha256($1::bytea), 'hex')`, [ownerTokenOtherModel]);
    await expectProblem(await put(request, "card-fraud-detection-debit-cards", ownerTokenOtherModel, { name: "Hijack", lifecycle: "PRODUCTION" }), 403);
    // the model owner's token did make them accountable for what they registered
    const m = (await (await request.get(`/api/v1/models/${key("owned")}`, { headers: bearer(adminReadOnly) })).json()) as { technicalOwnerEmail: string };
    expect(m.technicalOwnerEmail).toBe("owner@northwind.example");
  });
});

test.describe("versions, skew and rollback", () => {
  const k = key("prod");

  test("a version push with Idempotency-Key is stored once; skew and rollback drill move the verdict", async ({ request }) => {
    // a production model for the MLOps checks (removed in afterAll: no extra production model stays behind)
    expect(
      (
        await put(request, k, admin, { name: "E2E production model", lifecycle: "PRODUCTION", technicalOwnerEmail: "owner@northwind.example", businessOwnerEmail: "compliance@northwind.example" })
      ).status(),
    ).toBe(201);

    const v1 = { version: "1", registryUri: `models:/${k}/1`, active: true, trainingPipelineVersion: "fp-1.0", servingPipelineVersion: "fp-1.1", rollbackProcedure: "Re-point the alias" };
    const headers = jsonHeaders(admin, { "idempotency-key": `v1-${run}` });
    const first = await request.post(`/api/v1/models/${k}/versions`, { headers, data: v1 });
    expect(first.status(), await first.text()).toBe(201);
    const created = (await first.json()) as { version: { version: string; active: boolean }; model: { openItems: string[] } };
    expect(created.version).toMatchObject({ version: "1", active: true });
    expect(created.model.openItems).toContain("MLOPS_TRAINING_SERVING_SKEW");
    expect(created.model.openItems).toContain("MLOPS_ROLLBACK_DRILL");

    const retry = await request.post(`/api/v1/models/${k}/versions`, { headers, data: v1 });
    expect(retry.status()).toBe(201);
    expect(retry.headers()["idempotent-replayed"]).toBe("true");
    expect(await retry.json()).toEqual(created);
    const list = (await (await request.get(`/api/v1/models/${k}/versions`, { headers: bearer(admin) })).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(1);

    await expectProblem(await request.post(`/api/v1/models/${k}/versions`, { headers, data: { ...v1, stage: "changed" } }), 422);
    await expectProblem(await request.post(`/api/v1/models/${k}/versions`, { headers: jsonHeaders(admin), data: v1 }), 409);
    await expectProblem(await request.post(`/api/v1/models/${k}/versions`, { headers: jsonHeaders(admin), data: { version: "bad version!" } }), 422);
    await expectProblem(await request.post(`/api/v1/models/${key("nope")}/versions`, { headers: jsonHeaders(admin), data: { version: "1" } }), 404);
    await expectProblem(await request.post(`/api/v1/models/${k}/versions`, { headers: jsonHeaders(adminReadOnly), data: { version: "2" } }), 403);
    await expectProblem(await request.post(`/api/v1/models/${k}/versions`, { headers: { ...bearer(admin), "content-type": "application/xml" }, data: "<v/>" }), 415);

    // a new active version with equal pipeline versions clears the skew finding; the old one is its rollback target
    const v2 = await request.post(`/api/v1/models/${k}/versions`, {
      headers: jsonHeaders(admin),
      data: { version: "2", active: true, trainingPipelineVersion: "fp-1.1", servingPipelineVersion: "fp-1.1", rollbackProcedure: "Re-point the alias to v1" },
    });
    expect(v2.status()).toBe(201);
    const afterV2 = (await v2.json()) as { version: { rollbackTargetVersion: string }; model: { openItems: string[] } };
    expect(afterV2.version.rollbackTargetVersion).toBe("1");
    expect(afterV2.model.openItems).not.toContain("MLOPS_TRAINING_SERVING_SKEW");
    expect(afterV2.model.openItems).not.toContain("MLOPS_ROLLBACK_PLAN");
    const versions = (await (await request.get(`/api/v1/models/${k}/versions`, { headers: bearer(admin) })).json()) as { items: Array<{ version: string; active: boolean }> };
    expect(versions.items.filter((v) => v.active).map((v) => v.version)).toEqual(["2"]);

    // serving drifts away from training again (PATCH) → skew is open again
    const patched = await request.patch(`/api/v1/models/${k}/versions/2`, { headers: jsonHeaders(admin), data: { servingPipelineVersion: "fp-1.2" } });
    expect(patched.status()).toBe(200);
    expect(((await patched.json()) as { model: { openItems: string[] } }).model.openItems).toContain("MLOPS_TRAINING_SERVING_SKEW");
    await expectProblem(await request.patch(`/api/v1/models/${k}/versions/9`, { headers: jsonHeaders(admin), data: { stage: "x" } }), 404);

    // a rollback drill of 8 minutes closes the drill item; a slow one (25 min) does not
    const slow = await request.post(`/api/v1/models/${k}/versions/2/rollback-drills`, {
      headers: jsonHeaders(admin),
      data: { performedAt: new Date(Date.now() - 3_600_000).toISOString(), minutes: 25 },
    });
    expect(slow.status()).toBe(201);
    expect(((await slow.json()) as { model: { openItems: string[] } }).model.openItems).toContain("MLOPS_ROLLBACK_DRILL");
    const drill = await request.post(`/api/v1/models/${k}/versions/2/rollback-drills`, {
      headers: jsonHeaders(admin, { "idempotency-key": `drill-${run}` }),
      data: { performedAt: new Date().toISOString(), minutes: 8 },
    });
    expect(drill.status()).toBe(201);
    const drilled = (await drill.json()) as { version: { lastRollbackDrillMinutes: number }; model: { openItems: string[] } };
    expect(drilled.version.lastRollbackDrillMinutes).toBe(8);
    expect(drilled.model.openItems).not.toContain("MLOPS_ROLLBACK_DRILL");
    const invalidDrill = await expectProblem(
      await request.post(`/api/v1/models/${k}/versions/2/rollback-drills`, { headers: jsonHeaders(admin), data: { performedAt: "yesterday", minutes: -1 } }),
      422,
    );
    expect(Object.keys(invalidDrill.errors ?? {}).sort()).toEqual(["minutes", "performedAt"]);
  });
});

test.describe("monitoring checks", () => {
  const k = key("prod");

  test("raw samples: the server's PSI, KS and Wasserstein-1 equal the engine's; the push turns the model CRITICAL, a clearing push makes it HEALTHY", async ({ request }) => {
    const n = 5000;
    const reference = Array.from({ length: n }, (_, i) => Math.sin(i) * 10 + 50);
    const shifted = reference.map((x) => x * 1.3 + 8);
    const refCats = Array.from({ length: 2000 }, (_, i) => ["a", "b", "c"][i % 3] as string);
    const curCats = Array.from({ length: 2000 }, (_, i) => (i % 5 === 0 ? "a" : "c"));
    const observedAt = new Date(Date.now() - 60_000).toISOString();
    const res = await request.post(`/api/v1/models/${k}/monitoring-checks`, {
      headers: jsonHeaders(admin),
      data: {
        version: "2",
        observedAt,
        features: [
          { name: "amount", type: "numeric", reference, current: shifted },
          { name: "channel", type: "categorical", reference: refCats, current: curCats },
        ],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const body = (await res.json()) as {
      status: string;
      monitoringStatus: string;
      features: Array<{ name: string; psi: number; ks?: { statistic: number; pValue: number }; wasserstein?: number; status: string }>;
    };
    const amount = computeDrift(reference, shifted, "numeric");
    const channel = computeDrift(refCats, curCats, "categorical");
    expect(body.status).toBe("CRITICAL");
    expect(body.monitoringStatus).toBe("CRITICAL");
    const [a, c] = body.features;
    expect(a).toMatchObject({ name: "amount", status: amount.status });
    expect(a?.psi).toBeCloseTo(amount.psi, 12);
    expect(a?.ks?.statistic).toBeCloseTo(amount.ks.statistic, 12);
    expect(a?.ks?.pValue).toBeCloseTo(amount.ks.pValue, 12);
    expect(a?.wasserstein).toBeCloseTo(amount.wasserstein, 9);
    expect(c).toMatchObject({ name: "channel", status: channel.status });
    expect(c?.psi).toBeCloseTo(channel.psi, 12);
    // statistics that do not apply to a categorical feature are omitted
    expect(c).not.toHaveProperty("ks");
    expect(c).not.toHaveProperty("wasserstein");
    const model = (await (await request.get(`/api/v1/models/${k}`, { headers: bearer(admin) })).json()) as { monitoringStatus: string };
    expect(model.monitoringStatus).toBe("CRITICAL");

    // the clearing push: metric values from the pipeline, later than the critical one
    const clear = await request.post(`/api/v1/models/${k}/monitoring-checks`, {
      headers: jsonHeaders(admin),
      data: {
        version: "2",
        metrics: [
          { feature: "amount", metric: "psi", value: 0.02 },
          { feature: "amount", metric: "ks", value: 0.01 },
          { feature: "model", metric: "auc", value: 0.91 },
        ],
      },
    });
    expect(clear.status()).toBe(201);
    const cleared = (await clear.json()) as { status: string; monitoringStatus: string; features: Array<Record<string, unknown>> };
    expect(cleared.status).toBe("HEALTHY");
    expect(cleared.monitoringStatus).toBe("HEALTHY");
    expect(cleared.features).toEqual([
      { name: "amount", type: "metric", psi: 0.02, ks: { statistic: 0.01 }, status: "HEALTHY" },
      { name: "model", type: "metric", metrics: { auc: 0.91 }, status: "HEALTHY" },
    ]);
    expect(((await (await request.get(`/api/v1/models/${k}`, { headers: bearer(admin) })).json()) as { monitoringStatus: string }).monitoringStatus).toBe("HEALTHY");
  });

  test("metric push: the issue's example answers CRITICAL; idempotent retry stores one check", async ({ request }) => {
    const headers = jsonHeaders(admin, { "idempotency-key": `metric-${run}` });
    const data = { metrics: [{ feature: "amount", metric: "psi", value: 0.31 }] };
    const before = await db().query(`SELECT count(*)::int AS n FROM "MonitoringCheck" c JOIN "Model" m ON m.id = c."modelId" WHERE m.key = $1`, [k]);
    const first = await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers, data });
    expect(first.status()).toBe(201);
    expect(await first.json()).toMatchObject({ status: "CRITICAL", features: [{ name: "amount", psi: 0.31, status: "CRITICAL" }], monitoringStatus: "CRITICAL" });
    const retry = await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers, data });
    expect(retry.status()).toBe(201);
    expect(retry.headers()["idempotent-replayed"]).toBe("true");
    const after = await db().query(`SELECT count(*)::int AS n FROM "MonitoringCheck" c JOIN "Model" m ON m.id = c."modelId" WHERE m.key = $1`, [k]);
    expect(after.rows[0].n).toBe(before.rows[0].n + 1);
    // clear it again so the model ends HEALTHY
    const clear = await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: jsonHeaders(admin), data: { metrics: [{ feature: "amount", metric: "psi", value: 0.01 }] } });
    expect(((await clear.json()) as { monitoringStatus: string }).monitoringStatus).toBe("HEALTHY");
  });

  test("monitoring errors: scope, role, unknown model or version, invalid samples, empty push, body limit", async ({ request }) => {
    const data = { metrics: [{ feature: "amount", metric: "psi", value: 0.05 }] };
    await expectProblem(await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: jsonHeaders(writeOnly), data }), 403);
    await expectProblem(await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: jsonHeaders(execToken), data }), 403);
    await expectProblem(await request.post(`/api/v1/models/${key("nope")}/monitoring-checks`, { headers: jsonHeaders(admin), data }), 404);
    const badVersion = await expectProblem(await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: jsonHeaders(admin), data: { ...data, version: "77" } }), 422);
    expect(badVersion.errors).toHaveProperty("version");
    const badSample = await expectProblem(
      await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: jsonHeaders(admin), data: { features: [{ name: "x", type: "numeric", reference: [1, 2, "three"], current: [1] }] } }),
      422,
    );
    expect(badSample.errors).toHaveProperty(["features.0.reference.2"]);
    const empty = await expectProblem(await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: jsonHeaders(admin), data: {} }), 422);
    expect(empty.errors).toHaveProperty("features");
    await expectProblem(await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: jsonHeaders(admin), data: { metrics: [{ feature: "a", metric: "psi", value: -1 }] } }), 422);
    await expectProblem(await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: { ...bearer(admin), "content-type": "text/csv" }, data: "a,b" }), 415);
    // above 64 MB: refused from Content-Length before the body is read
    const big = Buffer.alloc(65 * 1024 * 1024, 0x20);
    await expectProblem(await request.post(`/api/v1/models/${k}/monitoring-checks`, { headers: jsonHeaders(admin), data: big }), 413);
  });

  test("a batch push stores checks for two models in one request; a bad check refuses the batch and stores nothing; a limited token cannot slip in another model", async ({ request }) => {
    const models = [key("batch-a"), key("batch-b")];
    for (const m of models) expect((await put(request, m, admin, { name: `Batch ${m}`, lifecycle: "DEVELOPMENT" })).status()).toBe(201);
    const checksOf = async (m: string) => Number((await db().query(`SELECT count(*) AS n FROM "MonitoringCheck" c JOIN "Model" m ON m.id = c."modelId" WHERE m.key = $1`, [m])).rows[0].n);

    const res = await request.post("/api/v1/monitoring-checks", {
      headers: jsonHeaders(admin),
      data: {
        checks: [
          { model: models[0], metrics: [{ feature: "amount", metric: "psi", value: 0.4 }] },
          { model: models[1], metrics: [{ feature: "amount", metric: "psi", value: 0.02 }] },
        ],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const body = (await res.json()) as { checks: Array<{ model: string; status: string; monitoringStatus: string }> };
    expect(body.checks.map((c) => [c.model, c.status, c.monitoringStatus])).toEqual([
      [models[0], "CRITICAL", "CRITICAL"],
      [models[1], "HEALTHY", "HEALTHY"],
    ]);
    expect(((await (await request.get(`/api/v1/models/${models[0]}`, { headers: bearer(admin) })).json()) as { monitoringStatus: string }).monitoringStatus).toBe("CRITICAL");

    const bad = await expectProblem(
      await request.post("/api/v1/monitoring-checks", {
        headers: jsonHeaders(admin),
        data: {
          checks: [
            { model: models[0], metrics: [{ feature: "amount", metric: "psi", value: 0.01 }] },
            { model: models[1], metrics: [{ feature: "amount", metric: "psi", value: -1 }] },
          ],
        },
      }),
      422,
    );
    expect(Object.keys(bad.errors ?? {})).toEqual(["checks.1.metrics.0.value"]);
    expect(await checksOf(models[0]!)).toBe(1);
    expect(await checksOf(models[1]!)).toBe(1);

    const limited = (await insertToken({ email: "admin@northwind.example", modelKeys: [models[0]!] })).token;
    await expectProblem(
      await request.post("/api/v1/monitoring-checks", {
        headers: jsonHeaders(limited),
        data: {
          checks: [
            { model: models[0], metrics: [{ feature: "amount", metric: "psi", value: 0.01 }] },
            { model: models[1], metrics: [{ feature: "amount", metric: "psi", value: 0.01 }] },
          ],
        },
      }),
      403,
    );
    expect(await checksOf(models[0]!)).toBe(1);
  });
});

test("the admin creates a token in the portal, it is shown once, works, and stops working when revoked", async ({ page, request }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("admin@northwind.example");
  await page.getByLabel("Password").fill("dossier-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText("admin@northwind.example");
  await expect(page.getByRole("link", { name: "API tokens" })).toBeVisible();
  await expect(page.getByRole("link", { name: "API docs" })).toBeVisible();
  await page.goto("/admin/tokens");
  const name = `ui-${run}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token-value").textContent())?.trim() ?? "";
  expect(token).toMatch(/^dsr_[A-Za-z0-9_-]{43}$/);
  const { rows } = await db().query<{ tokenHash: string }>(`SELECT "tokenHash" FROM "ApiToken" WHERE name = $1`, [name]);
  expect(rows[0]?.tokenHash).not.toContain(token.slice(4));
  expect((await request.get("/api/v1/models?limit=1", { headers: bearer(token) })).status()).toBe(200);
  // shown once: a reload shows only the prefix
  await page.reload();
  await expect(page.getByTestId("new-token-value")).toHaveCount(0);
  const row = page.getByTestId("tokens").getByRole("row").filter({ hasText: name });
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  await expectProblem(await request.get("/api/v1/models?limit=1", { headers: bearer(token) }), 401);
  await db().query(`DELETE FROM "ApiToken" WHERE name = $1`, [name]);

  await page.goto("/api-docs");
  await expect(page.getByTestId("api-operations")).toContainText("/api/v1/models/{key}/monitoring-checks");
});

test("rate limit per token: 429 with Retry-After once the minute's budget is spent; other tokens unaffected", async ({ request }) => {
  const { token, id } = await insertToken({ email: "auditor@northwind.example", scopes: ["read"], name: "e2e-rate" });
  // spend the budget of this minute in one statement so the test does not depend on the limit's size
  const windowStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  await db().query(`INSERT INTO "RateLimitWindow" (principal, "windowStart", count) VALUES ($1, $2, 1000000000) ON CONFLICT (principal, "windowStart") DO UPDATE SET count = 1000000000`, [
    `token:${id}`,
    windowStart,
  ]);
  const limited = await request.get("/api/v1/models?limit=1", { headers: bearer(token) });
  if (Math.floor(Date.now() / 60_000) * 60_000 === windowStart.getTime()) {
    await expectProblem(limited, 429);
    expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  }
  expect((await request.get("/api/v1/models?limit=1", { headers: bearer(adminReadOnly) })).status()).toBe(200);
});
