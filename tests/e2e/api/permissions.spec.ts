// Route-level permissions generated from the route table (lib/api/routes.ts) and the policy
// (lib/authz/policy.ts): every non-public route × method is called by each role's token on a model
// the caller does not own, with a token lacking the rule's scope, and without a credential. The
// expected answer comes from `can(role, action, resource)`, so a new route (which must have a rule,
// tests/unit/api/route-table.test.ts) is covered here without editing this file.
import { expect, test } from "@playwright/test";
import { API_ROUTES, type RouteScope } from "../../../lib/api/routes";
import { can, ROLES, type Role } from "../../../lib/authz/policy";
import { bearer, closeDb, db, deleteModels, insertToken, jsonHeaders } from "./support";

const run = Date.now().toString(36);
const PREFIX = `perm-${run}-`;
const target = `${PREFIX}unowned`;
const EMAIL: Record<Role, string> = {
  ADMIN: "admin@northwind.example",
  COMPLIANCE_OFFICER: "compliance@northwind.example",
  MODEL_OWNER: "owner@northwind.example",
  EXECUTIVE: "exec@northwind.example",
  AUDITOR: "auditor@northwind.example",
};
const SCOPES: RouteScope[] = ["read", "write", "monitoring"];
const tokens = {} as Record<Role, string>;
const scopeless = {} as Record<RouteScope, string>;
let recordId = "";
let counter = 0;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  for (const role of ROLES) tokens[role] = (await insertToken({ email: EMAIL[role], name: `perm-${run}` })).token;
  // an administrator's tokens without one scope each
  for (const scope of SCOPES) scopeless[scope] = (await insertToken({ email: EMAIL.ADMIN, name: `perm-${run}`, scopes: SCOPES.filter((s) => s !== scope) })).token;
  expect((await request.put(`/api/v1/models/${target}`, { headers: jsonHeaders(tokens.ADMIN), data: { name: "Nobody's model", lifecycle: "DEVELOPMENT" } })).status()).toBe(201);
  expect((await request.post(`/api/v1/models/${target}/versions`, { headers: jsonHeaders(tokens.ADMIN), data: { version: "1" } })).status()).toBe(201);
  const issued = await db().query(`SELECT id FROM "DossierRecord" LIMIT 1`);
  recordId = issued.rows[0]?.id ?? "0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11";
});

test.afterAll(async () => {
  await deleteModels(PREFIX);
  await db().query(`DELETE FROM "ApiToken" WHERE name = $1`, [`perm-${run}`]);
  await closeDb();
});

/** A body each write accepts when permitted (fresh labels so repeated calls do not conflict). */
function request(path: string, method: string): { url: string; data?: string; contentType?: string } {
  const url = path.replace("{key}", target).replace("{version}", "1").replace("{id}", recordId);
  const n = ++counter;
  if (path.endsWith("/imports")) return { url: `${url}?format=csv&dryRun=true`, data: `key,name,lifecycle\r\n${PREFIX}imp,Imp,DEVELOPMENT\r\n`, contentType: "text/csv" };
  if (method === "GET") return { url };
  const bodies: Record<string, unknown> = {
    "PUT /api/v1/models/{key}": { name: `Nobody's model ${n}`, lifecycle: "DEVELOPMENT" },
    "POST /api/v1/models/{key}/versions": { version: `p${n}` },
    "PATCH /api/v1/models/{key}/versions/{version}": { stage: `s${n}` },
    "POST /api/v1/models/{key}/versions/{version}/rollback-drills": { performedAt: new Date().toISOString(), minutes: 5 },
    "POST /api/v1/models/{key}/monitoring-checks": { metrics: [{ feature: "amount", metric: "psi", value: 0.01 }] },
    "POST /api/v1/dossiers": { kind: "MODEL_DOSSIER", modelKey: target, format: "json" },
    "POST /api/v1/dossiers/verify": {},
  };
  return { url, data: JSON.stringify(bodies[`${method} ${path}`] ?? {}), contentType: "application/json" };
}

for (const route of API_ROUTES) {
  for (const [method, rule] of Object.entries(route.methods)) {
    if (rule.public) {
      test(`${method} ${route.path} is public`, async ({ request: http }) => {
        expect((await http.fetch(request(route.path, method).url, { method })).status()).toBeLessThan(400);
      });
      continue;
    }
    test(`${method} ${route.path}: ${rule.scope} scope, ${rule.action} for each role`, async ({ request: http }) => {
      const call = (token: string | null) => {
        const r = request(route.path, method);
        const headers: Record<string, string> = token ? bearer(token) : {};
        if (r.contentType) headers["content-type"] = r.contentType;
        return http.fetch(r.url, { method, headers, data: r.data });
      };
      expect((await call(null)).status(), "no credential").toBe(401);
      expect((await call(scopeless[rule.scope])).status(), `token without ${rule.scope}`).toBe(403);
      for (const role of ROLES) {
        // the target model has no owners: what a role may do to someone else's model
        const allowed = can({ id: "not-an-owner", role }, rule.action, { kind: "model", model: { businessOwnerId: null, technicalOwnerId: null } });
        const res = await call(tokens[role]);
        if (allowed) expect([401, 403], `${role} may ${rule.action}: ${await res.text()}`).not.toContain(res.status());
        else expect(res.status(), `${role} may not ${rule.action}`).toBe(403);
        expect(res.status()).toBeLessThan(500);
      }
    });
  }
}
