// The route table (lib/api/routes.ts) is the API's permission table: every route file and each method
// it exports must have a rule there, and every rule must be enforced by its handler. A new route
// without a rule, or a handler that forgets its scope check, fails here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API_METHODS, API_ROUTES, allowedMethods, matchApiRoute } from "@/lib/api/routes";
import { can, ROLES } from "@/lib/authz/policy";

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : []));
}

const files = routeFiles("app/api/v1").map((file) => {
  const path = `/${file
    .replace(/\/route\.ts$/, "")
    .replace(/^app\//, "")
    .replace(/\[(\w+)\]/g, "{$1}")}`;
  const source = readFileSync(file, "utf8");
  const methods = API_METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b|as ${m}\\b`).test(source));
  return { file, path, source, methods };
});

describe("API route table", () => {
  for (const f of files) {
    it(`${f.path}: every exported method has a rule, and the handler checks the rule's scope`, () => {
      const route = API_ROUTES.find((r) => r.path === f.path);
      expect(route, `${f.path} has no entry in lib/api/routes.ts`).toBeDefined();
      expect(Object.keys(route!.methods).sort()).toEqual([...f.methods].sort());
      for (const [method, rule] of Object.entries(route!.methods)) {
        if (rule.public) {
          expect(f.source, `${method} ${f.path} is public and must not authenticate`).not.toMatch(/authenticate\(/);
          continue;
        }
        // openModelRoute (lib/api/model-route.ts) is authenticate(request) then requireScope(principal, scope, …)
        const opensModelRoute = f.source.includes(`openModelRoute(request, params, "${rule.scope}"`);
        if (!opensModelRoute) expect(f.source, `${method} ${f.path} must authenticate`).toMatch(/authenticate\(request\)/);
        // assertMayReadRecord (lib/api/dossier-http.ts) is requireScope(principal, "read", …) for a stored record
        const checksScope = opensModelRoute || f.source.includes(`requireScope(principal, "${rule.scope}"`) || (rule.scope === "read" && f.source.includes("assertMayReadRecord(principal"));
        expect(checksScope, `${method} ${f.path} must check the "${rule.scope}" scope`).toBe(true);
        // the action exists in the policy and some role may perform it
        expect(ROLES.some((role) => can({ id: "x", role }, rule.action))).toBe(true);
      }
    });
  }

  it("has no entry without a route file", () => {
    for (const route of API_ROUTES)
      expect(
        files.map((f) => f.path),
        route.path,
      ).toContain(route.path);
  });

  it("matches concrete paths, literal segments first", () => {
    expect(matchApiRoute("/api/v1/dossiers/verify")?.path).toBe("/api/v1/dossiers/verify");
    expect(matchApiRoute("/api/v1/dossiers/0b0c8a3e-1f4d-4a59-9a8e-0c2b9e3f6a11")?.path).toBe("/api/v1/dossiers/{id}");
    expect(matchApiRoute("/api/v1/models/credit-risk/versions/1.2/rollback-drills")?.path).toBe("/api/v1/models/{key}/versions/{version}/rollback-drills");
    expect(matchApiRoute("/api/v1/models/a/b/c")).toBeUndefined();
    expect(matchApiRoute("/api/v1/nope")).toBeUndefined();
    expect(matchApiRoute("/api/v1/openapi.json")?.path).toBe("/api/v1/openapi.json");
    expect(matchApiRoute("/api/v1/openapiXjson")).toBeUndefined();
    expect(allowedMethods(matchApiRoute("/api/v1/imports")!)).toEqual(["POST", "OPTIONS"]);
  });
});
