// Runs before every request except static assets:
// 1. security headers (lib/security/headers.ts): a per-request nonce CSP for pages, a deny-all CSP
//    for the API, HSTS over https, and the static headers on everything;
// 2. the API's URL guard: unknown paths (404), methods (405) and URLs that cannot be decoded or
//    carry a NUL / unpaired surrogate get a problem+json answer before any handler runs;
// 3. comfort only: portal pages send visitors without a session to the sign-in page. Every page,
//    server action and route handler still checks the session and permission itself.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods, matchApiRoute } from "./lib/api/routes";
import { API_CSP, HSTS_VALUE, STATIC_SECURITY_HEADERS, isHttps, newNonce, pageCsp } from "./lib/security/headers";

const PORTAL_PREFIXES = ["/dashboard", "/models", "/datasets", "/reviews", "/reports", "/audit-log", "/admin", "/imports", "/inbox", "/settings", "/api-docs", "/rules", "/account"];

const isPortalPath = (path: string) => PORTAL_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const isApi = path.startsWith("/api/");
  const nonce = isApi ? null : newNonce();
  const csp = nonce ? pageCsp(nonce, { dev: process.env.NODE_ENV === "development" }) : API_CSP;

  let response: NextResponse;
  const refused = path.startsWith("/api/v1") ? apiUrlProblem(request) : null;
  if (refused) {
    response = refused;
  } else if (!isApi && isPortalPath(path) && !(await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }))) {
    const url = new URL("/signin", request.url);
    url.searchParams.set("callbackUrl", path + request.nextUrl.search);
    response = NextResponse.redirect(url);
  } else {
    // Next.js takes the nonce for its scripts from the request's CSP header
    const requestHeaders = new Headers(request.headers);
    if (nonce) {
      requestHeaders.set("x-nonce", nonce);
      requestHeaders.set("content-security-policy", csp);
    }
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of STATIC_SECURITY_HEADERS) response.headers.set(name, value);
  if (isHttps(request.nextUrl, request.headers.get("x-forwarded-proto"))) response.headers.set("strict-transport-security", HSTS_VALUE);
  return response;
}

// the same shape and type URIs as lib/api/problem.ts (which needs server-only modules)
const PROBLEM_TYPES = { 404: ["not-found", "Not found"], 405: ["method-not-allowed", "Method not allowed"], 422: ["validation", "Invalid request"] } as const;

function problemResponse(status: keyof typeof PROBLEM_TYPES, detail: string, extra: { errors?: Record<string, string[]>; allow?: string } = {}): NextResponse {
  const [slug, title] = PROBLEM_TYPES[status];
  const type = `https://dossier.dev/problems/${slug}`;
  const headers: Record<string, string> = { "content-type": "application/problem+json", "cache-control": "no-store" };
  if (extra.allow) headers.allow = extra.allow;
  return new NextResponse(JSON.stringify({ type, title, status, detail, ...(extra.errors ? { errors: extra.errors } : {}) }), { status, headers });
}

// NUL, or an unpaired UTF-16 surrogate (the same rule as lib/validation.ts, which is not edge-safe to import here)
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A problem answer for an /api/v1 URL no handler should see, or null to let it through. */
function apiUrlProblem(request: NextRequest): NextResponse | null {
  const raw = request.nextUrl.pathname;
  let decodedSegments: string[];
  try {
    decodedSegments = raw.split("/").map((segment) => decodeURIComponent(segment));
  } catch {
    return problemResponse(404, "The URL path is not valid percent-encoded UTF-8.");
  }
  if (decodedSegments.some((segment) => UNSAFE_TEXT.test(segment) || segment.includes("/"))) {
    return problemResponse(404, "No resource has this path.");
  }
  const route = matchApiRoute(raw);
  if (!route) return problemResponse(404, `No API endpoint at ${raw.slice(0, 200)}. The endpoints are listed at /api/v1/openapi.json.`);
  const allowed = allowedMethods(route);
  if (!allowed.includes(request.method)) {
    return problemResponse(405, `${request.method} is not supported here; use ${allowed.join(", ")}.`, { allow: allowed.join(", ") });
  }
  const errors: Record<string, string[]> = {};
  for (const part of request.nextUrl.search.replace(/^\?/, "").split("&")) {
    if (!part) continue;
    const name = part.split("=")[0] ?? "";
    let key = name;
    let value = "";
    try {
      key = decodeURIComponent(name.replaceAll("+", " "));
      value = decodeURIComponent(part.slice(name.length + 1).replaceAll("+", " "));
    } catch {
      errors[safeKey(key)] = ["Not valid percent-encoded UTF-8."];
      continue;
    }
    if (UNSAFE_TEXT.test(key) || UNSAFE_TEXT.test(value)) errors[safeKey(key)] = ["Contains a NUL character or an unpaired UTF-16 surrogate."];
  }
  if (Object.keys(errors).length) return problemResponse(422, "The query string has parameters that cannot be read.", { errors });
  return null;
}

const safeKey = (key: string) => key.replace(new RegExp(UNSAFE_TEXT.source, "g"), "?").slice(0, 100) || "_query";

export const config = {
  // everything but the build's static files (those get the static headers from next.config.js)
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
