// Runs before every request except static assets:
// 1. security headers (lib/security/headers.ts): a per-request nonce CSP for pages, a deny-all CSP
//    for the API, HSTS over https, and the static headers on everything;
// 2. comfort only: portal pages send visitors without a session to the sign-in page. Every page,
//    server action and route handler still checks the session and permission itself.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { API_CSP, HSTS_VALUE, STATIC_SECURITY_HEADERS, isHttps, newNonce, pageCsp } from "./lib/security/headers";

const PORTAL_PREFIXES = ["/dashboard", "/models", "/datasets", "/reviews", "/reports", "/audit-log", "/admin", "/imports", "/inbox", "/settings", "/api-docs"];

const isPortalPath = (path: string) => PORTAL_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const isApi = path.startsWith("/api/");
  const nonce = isApi ? null : newNonce();
  const csp = nonce ? pageCsp(nonce, { dev: process.env.NODE_ENV === "development" }) : API_CSP;

  let response: NextResponse;
  if (!isApi && isPortalPath(path) && !(await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }))) {
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

export const config = {
  // everything but the build's static files (those get the static headers from next.config.js)
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
