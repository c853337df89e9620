// Fuzzing the public API over HTTP with fast-check (issue 10 item 11): hostile values in every JSON
// body field of every write endpoint, hostile path segments and query parameters on every route, and
// unsupported methods. Every answer must be below 500, every error problem+json, and a refused write
// must write nothing (the audit log, which every write appends to in its transaction, does not move).
// Prints the figures as JSON: requests sent and 5xx seen.
import fc from "fast-check";
import { expect, test, type APIResponse } from "@playwright/test";
import { API_ROUTES } from "../../../lib/api/routes";
import { bearer, closeDb, db, deleteModels, insertToken, jsonHeaders } from "./support";

const run = Date.now().toString(36);
const PREFIX = `fuzz-${run}-`;
const target = `${PREFIX}target`;
let token: string;
const figures = { requests: 0, fiveHundreds: 0, refusedWrites: 0, acceptedWrites: 0, byStatus: {} as Record<string, number> };
const failures: string[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  token = (await insertToken({ email: "admin@northwind.example", name: `fuzz-${run}` })).token;
  const created = await request.put(`/api/v1/models/${target}`, { headers: jsonHeaders(token), data: { name: "Fuzz target", lifecycle: "DEVELOPMENT" } });
  expect(created.status()).toBe(201);
  expect((await request.post(`/api/v1/models/${target}/versions`, { headers: jsonHeaders(token), data: { version: "1" } })).status()).toBe(201);
});

test.afterAll(async () => {
  console.log(`[fuzz] ${JSON.stringify(figures)}`);
  await deleteModels(PREFIX);
  await db().query(`DELETE FROM "ApiToken" WHERE name = $1`, [`fuzz-${run}`]);
  await closeDb();
});

/**
 * How far the audit log has grown: the chain's last seq plus the events still pending. Monitoring pushes
 * chain their events after the response, and the appender moves an event from pending to chained in one
 * transaction — so this figure does not move when an earlier push's event is chained, only when a
 * request writes one.
 */
async function lastAuditSeq(): Promise<string> {
  return String((await db().query(`SELECT (SELECT coalesce(max(seq), 0) FROM "AuditEvent") + (SELECT count(*) FROM "AuditPending") AS seq`)).rows[0].seq);
}

async function check(label: string, res: APIResponse) {
  figures.requests++;
  const status = res.status();
  figures.byStatus[status] = (figures.byStatus[status] ?? 0) + 1;
  if (status >= 500) {
    figures.fiveHundreds++;
    failures.push(`${label} → ${status} ${(await res.text()).slice(0, 200)}`);
  } else if (status >= 400 && status !== 413) {
    const type = res.headers()["content-type"] ?? "";
    if (!type.includes("application/problem+json")) failures.push(`${label} → ${status} with ${type}`);
  }
}

const hostileText = fc.oneof(
  fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([a, b]) => `${a}\u0000${b}`),
  fc.constantFrom("\ud800", "a\udc00b", "\udbff", "%00", "%ff", "../x", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "x".repeat(70_000)),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const hostileValue = fc.oneof(
  hostileText,
  fc.constantFrom("99999-01-01", "+275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z", "2026-02-30", "0000-01-01"),
  fc.constantFrom(2 ** 31, 2 ** 53, 1e300, -1e300, 1.5, -1, 0, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(null, true, [], {}, ["\u0000"], { "\u0000": 1 }),
  fc.jsonValue({ maxDepth: 3 }),
);

function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const children = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => pathsOf(v, [...prefix, k]));
  return prefix.length ? [prefix, ...children] : [...children, ["unexpected"]];
}
function withValueAt(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let at: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

const now = () => new Date().toISOString();
const WRITES: Array<{ method: "PUT" | "POST" | "PATCH"; path: string; valid: () => Record<string, unknown> }> = [
  {
    method: "PUT",
    path: `/api/v1/models/${target}`,
    valid: () => ({
      name: "Fuzz target",
      lifecycle: "VALIDATION",
      description: "d",
      businessUnit: "Risk",
      environments: ["prod"],
      nextReviewAt: "2027-01-01",
      businessOwnerEmail: "owner@northwind.example",
    }),
  },
  {
    method: "POST",
    path: `/api/v1/models/${target}/versions`,
    valid: () => ({ version: `v${Math.random().toString(36).slice(2, 8)}`, stage: "staging", deployedAt: now(), metrics: { auc: 0.8 }, rollbackProcedure: "r" }),
  },
  { method: "PATCH", path: `/api/v1/models/${target}/versions/1`, valid: () => ({ stage: "prod", trainingPipelineVersion: "a", servingPipelineVersion: "a" }) },
  { method: "POST", path: `/api/v1/models/${target}/versions/1/rollback-drills`, valid: () => ({ performedAt: now(), minutes: 9 }) },
  {
    method: "POST",
    path: `/api/v1/models/${target}/monitoring-checks`,
    valid: () => ({ observedAt: now(), metrics: [{ feature: "amount", metric: "psi", value: 0.05 }], features: [{ name: "f", type: "numeric", reference: [1, 2, 3, 4], current: [1, 2, 3, 5] }] }),
  },
  {
    method: "POST",
    path: `/api/v1/monitoring-checks`,
    valid: () => ({
      checks: [
        { model: target, observedAt: now(), metrics: [{ feature: "amount", metric: "psi", value: 0.05 }] },
        { model: target, metrics: [{ feature: "auc", metric: "auc", value: 0.9 }] },
      ],
    }),
  },
  {
    method: "POST",
    path: `/api/v1/imports?dryRun=true&format=inventory`,
    valid: () => ({ format: "dossier-inventory", models: [{ key: `${PREFIX}imp`, name: "Imported", lifecycle: "DEVELOPMENT" }] }),
  },
];

for (const w of WRITES) {
  test(`${w.method} ${w.path.replace(target, "{key}")}: hostile JSON fields never give 5xx, refusals write nothing`, async ({ request }) => {
    test.setTimeout(240_000);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pathsOf(w.valid())), hostileValue, async (fieldPath, value) => {
        const body = withValueAt(w.valid(), fieldPath, value);
        const before = await lastAuditSeq();
        const res = await request.fetch(w.path, { method: w.method, headers: jsonHeaders(token), data: JSON.stringify(body) });
        await check(`${w.method} ${w.path} ${fieldPath.join(".")}=${JSON.stringify(value).slice(0, 80)}`, res);
        if (res.status() >= 400) {
          figures.refusedWrites++;
          expect(await lastAuditSeq(), `refused ${w.method} ${w.path} wrote an audit event`).toBe(before);
        } else figures.acceptedWrites++;
      }),
      { numRuns: 120, seed: 20261201 },
    );
    expect(failures).toEqual([]);
  });
}

test("hostile path segments and query parameters on every route, and unsupported methods: no 5xx, problem+json", async ({ request }) => {
  test.setTimeout(240_000);
  const segments = [
    "%ff",
    "%00",
    "abc%00",
    "%c0%af",
    "%ed%a0%80",
    "..%2f..",
    "x".repeat(300),
    "00000000-0000-0000-0000-00000000000g",
    "0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11",
    "%25",
    "a%2Fb",
    "%E2%80%AE",
  ];
  const queryValues = ["%00", "%ff", "%", "%ed%a0%80", "99999-01-01", "1e400", "-1", "%5Cevil", "x".repeat(1000), "a%00b"];
  const queryNames = ["q", "limit", "cursor", "risk", "lifecycle", "businessUnit", "owner", "kind", "model", "format", "sha256", "undocumentedOnly"];
  for (const route of API_ROUTES) {
    const params = route.path.match(/\{\w+\}/g) ?? [];
    for (const segment of segments) {
      for (const param of params) {
        const path = params.reduce(
          (p, other) => p.replace(other, other === param ? segment : other === "{key}" ? target : other === "{version}" ? "1" : "0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11"),
          route.path,
        );
        for (const method of Object.keys(route.methods)) {
          const res = await request.fetch(path, { method, headers: jsonHeaders(token), data: method === "GET" ? undefined : "{}" });
          await check(`${method} ${path}`, res);
        }
      }
    }
    if (route.methods.GET) {
      const concrete = route.path.replace("{key}", target).replace("{version}", "1").replace("{id}", "0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11");
      // every parameter at once, one hostile value per request (a valid query would render a whole report)
      for (const value of queryValues) {
        const query = queryNames.map((name) => `${name}=${value}`).join("&");
        await check(`GET ${concrete}?…=${value.slice(0, 20)}`, await request.get(`${concrete}?${query}`, { headers: bearer(token) }));
      }
    }
    for (const method of ["DELETE", "PATCH", "PUT", "POST", "GET"].filter((m) => !(m in route.methods))) {
      const concrete = route.path.replace("{key}", target).replace("{version}", "1").replace("{id}", "0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11");
      const res = await request.fetch(concrete, { method, headers: jsonHeaders(token), data: method === "GET" ? undefined : "{}" });
      await check(`${method} ${concrete}`, res);
      expect(res.status(), `${method} ${concrete}`).toBe(405);
      expect(res.headers().allow).toBeDefined();
    }
  }
  for (const unknown of ["/api/v1/nope", "/api/v1/models/a/b/c/d/e", "/api/v1/", "/api/v1/models/%ff/versions"]) {
    const res = await request.get(unknown, { headers: bearer(token) });
    await check(`GET ${unknown}`, res);
    expect(res.status(), unknown).toBe(404);
  }
  expect(failures).toEqual([]);
});

test("CSV and multipart imports with hostile cells: no 5xx, nothing written", async ({ request }) => {
  test.setTimeout(120_000);
  await fc.assert(
    fc.asyncProperty(hostileText, fc.constantFrom("key", "name", "lifecycle", "businessUnit", "nextReviewAt", "version"), async (cell, column) => {
      const row: Record<string, string> = { key: `${PREFIX}csv`, name: "CSV", lifecycle: "DEVELOPMENT", businessUnit: "Risk", nextReviewAt: "2027-01-01", version: "1" };
      row[column] = cell;
      const csv = `${Object.keys(row).join(",")}\r\n${Object.values(row)
        .map((v) => `"${v.replaceAll('"', '""')}"`)
        .join(",")}\r\n`;
      const before = await lastAuditSeq();
      const res = await request.post(`/api/v1/imports?format=csv`, { headers: { ...bearer(token), "content-type": "text/csv" }, data: csv });
      await check(`POST imports csv ${column}=${JSON.stringify(cell).slice(0, 60)}`, res);
      if (res.status() >= 400) expect(await lastAuditSeq()).toBe(before);
    }),
    { numRuns: 60, seed: 20261201 },
  );
  expect(failures).toEqual([]);
});
