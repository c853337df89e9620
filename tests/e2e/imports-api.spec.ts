// POST /api/v1/imports and GET /api/v1/exports/inventory over HTTP against the running app.
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD, demoEmail } from "./helpers";
import { fixtureKeyPrefix, mlflowExport } from "../fixtures/imports/mlflow-export";

const PREFIX = `ImpHttp${Date.now().toString(36)}`;
const KEY_PREFIX = fixtureKeyPrefix(PREFIX);
const CSV_PREFIX = `imp-http-csv-${Date.now().toString(36)}`;
const contexts: APIRequestContext[] = [];

async function session(baseURL: string, local: string): Promise<APIRequestContext> {
  // the portal's own requests carry its Origin (CSRF check for cookie-authenticated writes)
  const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  contexts.push(ctx);
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email: demoEmail(local), password: DEMO_PASSWORD, json: "true" } });
  expect(res.status()).toBeLessThan(400);
  return ctx;
}

test.afterAll(async () => {
  for (const c of contexts) await c.dispose();
  // other suites assert the demo's counts: remove every model this file created
  const db = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await db.connect();
  await db.query(`DELETE FROM "Model" WHERE key LIKE $1 OR key LIKE $2`, [`${KEY_PREFIX}%`, `${CSV_PREFIX}%`]);
  await db.end();
});

const expectProblem = async (res: Awaited<ReturnType<APIRequestContext["post"]>>, status: number) => {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const body = (await res.json()) as { status: number; title: string; detail: string; errors?: Record<string, string[]> };
  expect(body.status).toBe(status);
  return body;
};

test("an MLflow export of 300 models imported twice: 300 created, then nothing updated", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const admin = await session(baseURL!, "admin");
  const payload = mlflowExport({ count: 300, prefix: PREFIX });
  const dry = await admin.post("/api/v1/imports?dryRun=true", { data: payload });
  expect(dry.status()).toBe(200);
  expect((await dry.json()).summary).toEqual({ created: 300, updated: 0, unchanged: 0, rejected: 0 });
  const first = await admin.post("/api/v1/imports", { data: payload });
  expect(first.status()).toBe(200);
  const report = await first.json();
  expect(report.format).toBe("mlflow");
  expect(report.summary).toEqual({ created: 300, updated: 0, unchanged: 0, rejected: 0 });
  const second = await admin.post("/api/v1/imports", { data: payload });
  expect((await second.json()).summary).toEqual({ created: 0, updated: 0, unchanged: 300, rejected: 0 });
  const model = await admin.get(`/api/v1/models/${KEY_PREFIX}004`);
  expect(model.status()).toBe(200);
  expect(JSON.stringify(await model.json())).toContain("UNCLASSIFIED");
});

test("MLflow as multipart with the two search results as parts", async ({ baseURL }) => {
  const admin = await session(baseURL!, "admin");
  const payload = mlflowExport({ count: 3, prefix: PREFIX });
  const res = await admin.post("/api/v1/imports?dryRun=true", {
    multipart: {
      registeredModels: { name: "registered-models.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(payload.registeredModels)) },
      modelVersions: { name: "model-versions.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(payload.modelVersions)) },
    },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.format).toBe("mlflow");
  expect(body.rows).toHaveLength(3);
});

test("CSV: template, dry run, import, re-import and a rejected row with its reason", async ({ baseURL }) => {
  const owner = await session(baseURL!, "owner");
  const template = await owner.get("/api/v1/imports/template");
  expect(template.headers()["content-type"]).toContain("text/csv");
  const header = (await template.text()).split("\r\n")[0]!;
  expect(header.startsWith("key,name,lifecycle,")).toBe(true);
  const csv = [
    "key,name,lifecycle,business_unit,technical_owner_email,version,registry_uri,active",
    `${CSV_PREFIX}-a,"Churn, retail",DEVELOPMENT,Retail Banking,owner@northwind.example,1,models:/churn/1,true`,
    `${CSV_PREFIX}-b,Bad lifecycle,SOMEDAY,,,,,`,
    `${CSV_PREFIX}-c,Someone else's,DEVELOPMENT,,compliance@northwind.example,,,`,
  ].join("\r\n");
  const dry = await owner.post("/api/v1/imports?dryRun=true", { data: csv, headers: { "content-type": "text/csv" } });
  expect(dry.status()).toBe(200);
  const dryReport = await dry.json();
  expect(dryReport.rows.map((r: { outcome: string }) => r.outcome)).toEqual(["created", "rejected", "rejected"]);
  expect(dryReport.rows[1].reasons.join(" ")).toMatch(/lifecycle/);
  expect(dryReport.rows[2].reasons.join(" ")).toMatch(/owner/);
  expect((await owner.get(`/api/v1/models/${CSV_PREFIX}-a`)).status()).toBe(404);

  const real = await owner.post("/api/v1/imports", { data: csv, headers: { "content-type": "text/csv; charset=utf-8" } });
  expect((await real.json()).summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 2 });
  expect((await owner.get(`/api/v1/models/${CSV_PREFIX}-a`)).status()).toBe(200);
  const again = await owner.post("/api/v1/imports", { data: csv, headers: { "content-type": "text/csv" } });
  expect((await again.json()).summary).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 2 });
});

test("idempotency: a retry with the same key replays the answer; another body with that key is a 422", async ({ baseURL }) => {
  const admin = await session(baseURL!, "admin");
  const key = `imp-${Date.now()}`;
  const csv = `key,name,lifecycle\r\n${CSV_PREFIX}-idem,Idempotent,DEVELOPMENT\r\n`;
  const headers = { "content-type": "text/csv", "idempotency-key": key };
  const first = await admin.post("/api/v1/imports", { data: csv, headers });
  expect((await first.json()).summary.created).toBe(1);
  const retry = await admin.post("/api/v1/imports", { data: csv, headers });
  expect(retry.headers()["idempotent-replayed"]).toBe("true");
  expect((await retry.json()).summary.created).toBe(1);
  await expectProblem(await admin.post("/api/v1/imports", { data: `${csv}${CSV_PREFIX}-idem2,Other,DEVELOPMENT\r\n`, headers }), 422);
});

// "a retry while the first request still runs is a 409" is tested deterministically in
// tests/integration/api-idempotency.test.ts (a timed race over HTTP passed or failed with the machine's speed)

test("error statuses are problem+json: 401, 403, 415, 413, 422", async ({ baseURL, request }) => {
  await expectProblem(await request.post("/api/v1/imports", { data: { registeredModels: { registered_models: [] } } }), 401);
  await expectProblem(await request.get("/api/v1/exports/inventory"), 401);
  for (const local of ["exec", "auditor"]) {
    const ctx = await session(baseURL!, local);
    const body = await expectProblem(await ctx.post("/api/v1/imports?dryRun=true", { data: "key,name,lifecycle\r\nx,X,DEVELOPMENT", headers: { "content-type": "text/csv" } }), 403);
    expect(body.detail).toMatch(/model\.create/);
  }
  const admin = await session(baseURL!, "admin");
  await expectProblem(await admin.post("/api/v1/imports", { data: "hello", headers: { "content-type": "text/plain" } }), 415);
  const big = Buffer.alloc(21 * 1024 * 1024, 0x61);
  const tooLarge = await expectProblem(await admin.post("/api/v1/imports", { data: big, headers: { "content-type": "text/csv" } }), 413);
  expect(tooLarge.detail).toMatch(/20 MB/);
  const noKey = await expectProblem(await admin.post("/api/v1/imports", { data: "name,lifecycle\r\nX,DEVELOPMENT\r\n", headers: { "content-type": "text/csv" } }), 422);
  expect(noKey.errors?.file?.join(" ")).toMatch(/key/);
  const badCsv = await expectProblem(await admin.post("/api/v1/imports", { data: 'key,name\r\nx,"unterminated\r\n', headers: { "content-type": "text/csv" } }), 422);
  expect(badCsv.detail).toMatch(/Line 2/);
  await expectProblem(await admin.post("/api/v1/imports", { data: "{not json", headers: { "content-type": "application/json" } }), 422);
  const unknownShape = await expectProblem(await admin.post("/api/v1/imports", { data: { hello: "world" } }), 422);
  expect(unknownShape.errors?.format).toBeDefined();
  await expectProblem(await admin.post("/api/v1/imports?format=xml", { data: {} }), 422);
  const badMlflow = await expectProblem(await admin.post("/api/v1/imports", { data: { registeredModels: { registered_models: [{ nom: "x" }] } } }), 422);
  expect(Object.keys(badMlflow.errors ?? {})[0]).toMatch(/^registeredModels/);
});

test("the inventory export is JSON that imports back with everything unchanged", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const auditor = await session(baseURL!, "auditor");
  const res = await auditor.get("/api/v1/exports/inventory");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/attachment; filename="dossier-inventory-\d{4}-\d{2}-\d{2}\.json"/);
  const doc = await res.json();
  expect(doc.format).toBe("dossier-inventory");
  expect(doc.models.filter((m: { lifecycle: string; key: string }) => m.lifecycle === "PRODUCTION" && !m.key.startsWith(KEY_PREFIX))).toHaveLength(247);
  const admin = await session(baseURL!, "admin");
  const report = await (await admin.post("/api/v1/imports?dryRun=true", { data: doc })).json();
  expect(report.format).toBe("inventory");
  expect(report.summary.created + report.summary.updated + report.summary.rejected).toBe(0);
  expect(report.summary.unchanged).toBe(doc.models.length + doc.datasets.length);
});
