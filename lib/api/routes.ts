// The public API's route table: every path under /api/v1, its methods, and for each the credential
// scope and the policy action (lib/authz/policy.ts) it is checked against. proxy.ts answers unknown
// paths (404) and methods (405) from it as problem+json; tests/unit/api/route-table.test.ts fails when
// a route file and this table disagree; tests/e2e/api/permissions.spec.ts drives every rule × role.
// Pure: proxy.ts imports it.
import type { Action } from "../authz/policy";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ApiMethod = (typeof API_METHODS)[number];
export type RouteScope = "read" | "write" | "monitoring";

/** `public`: no credential needed. Otherwise the scope a token needs and the policy action the handler asks. */
export type RouteRule = { public: true } | { public?: false; scope: RouteScope; action: Action };

export type ApiRoute = { path: string; methods: Partial<Record<ApiMethod, RouteRule>> };

const read: RouteRule = { scope: "read", action: "inventory.read" };
const editModel: RouteRule = { scope: "write", action: "model.edit" };

export const API_ROUTES: readonly ApiRoute[] = [
  { path: "/api/v1/models", methods: { GET: read } },
  // PUT creates the model when the key is new (model.create) and edits it otherwise (model.edit)
  { path: "/api/v1/models/{key}", methods: { GET: read, PUT: editModel } },
  { path: "/api/v1/models/{key}/versions", methods: { GET: read, POST: editModel } },
  { path: "/api/v1/models/{key}/versions/{version}", methods: { PATCH: editModel } },
  { path: "/api/v1/models/{key}/versions/{version}/rollback-drills", methods: { POST: editModel } },
  { path: "/api/v1/models/{key}/monitoring-checks", methods: { POST: { scope: "monitoring", action: "model.edit" } } },
  // a batch for any models: the scope and policy action are checked for each check's model
  { path: "/api/v1/monitoring-checks", methods: { POST: { scope: "monitoring", action: "model.edit" } } },
  { path: "/api/v1/models/{key}/dossier", methods: { GET: read } },
  { path: "/api/v1/models/{key}/eu-registration", methods: { GET: read } },
  { path: "/api/v1/dossiers", methods: { GET: read, POST: read } },
  { path: "/api/v1/dossiers/verify", methods: { GET: read, POST: read } },
  { path: "/api/v1/dossiers/{id}", methods: { GET: read } },
  { path: "/api/v1/dossiers/{id}/content", methods: { GET: read } },
  { path: "/api/v1/exports/inventory", methods: { GET: read } },
  { path: "/api/v1/imports", methods: { POST: { scope: "write", action: "model.create" } } },
  { path: "/api/v1/imports/template", methods: { GET: { public: true } } },
  { path: "/api/v1/reports/inventory", methods: { GET: read } },
  // the whole chain: roles that read every model's events (an owner reads only their own models')
  { path: "/api/v1/audit-log/verify", methods: { GET: { scope: "read", action: "auditLog.read" } } },
  { path: "/api/v1/openapi.json", methods: { GET: { public: true } } },
];

const compiled = API_ROUTES.map((route) => ({
  route,
  // literal segments beat parameters ("/dossiers/verify" before "/dossiers/{id}"), as in Next's router
  literalCount: route.path.split("/").filter((s) => s && !s.startsWith("{")).length,
  pattern: new RegExp(`^${route.path.replace(/[.]/g, "\\.").replace(/\{\w+\}/g, "[^/]+")}/?$`),
})).sort((a, b) => b.literalCount - a.literalCount);

/** The route a path under /api/v1 belongs to, or undefined. */
export function matchApiRoute(pathname: string): ApiRoute | undefined {
  return compiled.find((c) => c.pattern.test(pathname))?.route;
}

/** The methods a route answers (HEAD and OPTIONS come with GET / always, from Next itself). */
export function allowedMethods(route: ApiRoute): string[] {
  const methods = Object.keys(route.methods);
  return methods.includes("GET") ? [...methods, "HEAD", "OPTIONS"] : [...methods, "OPTIONS"];
}
