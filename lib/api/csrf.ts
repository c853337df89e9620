// CSRF for the API: a write authenticated by the session cookie must come from the portal itself.
// Browsers send `Origin` with every non-GET request, and a page on another origin cannot forge it;
// without an Origin (older clients, scripts holding a cookie) we accept only what a cross-origin page
// cannot send without a CORS preflight that we never grant: a JSON body plus `X-Requested-With`.
// Bearer-token calls never reach this check (a token is not sent by a browser on its own).
import { AppError } from "../errors";
import { env } from "../env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** The origins this request may legitimately come from: the URL it reached, its forwarded host, NEXTAUTH_URL. */
export function expectedOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const origins = new Set<string>([url.origin]);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = (request.headers.get("x-forwarded-proto") ?? url.protocol.replace(/:$/, "")).split(",")[0]?.trim() || "http";
    origins.add(`${proto}://${host.split(",")[0]?.trim()}`);
  }
  const configured = env.nextAuthUrl();
  if (configured) {
    try {
      origins.add(new URL(configured).origin);
    } catch {
      // a malformed NEXTAUTH_URL is reported by next-auth itself
    }
  }
  return origins;
}

/** Throws FORBIDDEN for a cookie-authenticated write that may come from another origin. */
export function assertSameOriginWrite(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (expectedOrigins(request).has(origin)) return;
    throw new AppError(
      "FORBIDDEN",
      `Cross-origin request refused: a write with the session cookie must come from this site (Origin ${JSON.stringify(origin.slice(0, 200))}). Scripts should use an API token.`,
    );
  }
  const site = request.headers.get("sec-fetch-site");
  const jsonWithHeader = JSON_TYPE.test(request.headers.get("content-type") ?? "") && request.headers.get("x-requested-with") !== null;
  if ((site === null || site === "same-origin") && jsonWithHeader) return;
  throw new AppError(
    "FORBIDDEN",
    "A write with the session cookie needs a same-origin Origin header, or Content-Type: application/json with an X-Requested-With header. Scripts should use an API token.",
  );
}
