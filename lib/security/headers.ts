// Security headers for every answer (pages, API, assets). Pure, so proxy.ts, next.config.js' tests and
// the e2e assertions agree on one definition.
//
// Pages get a nonce-based Content-Security-Policy: Next.js reads the nonce from the request's CSP
// header (set in proxy.ts) and puts it on its own inline and bundle scripts; 'strict-dynamic' lets
// those load their chunks. Styles allow 'unsafe-inline' because React renders `style` attributes,
// which a nonce cannot cover (and a nonce in style-src would switch 'unsafe-inline' off).

/** Headers that never vary: clickjacking, MIME sniffing, referrer leaks, powerful features. */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["X-Frame-Options", "DENY"],
  ["X-Content-Type-Options", "nosniff"],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
];

export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/** The policy of an HTML page rendered with `nonce`. `dev` allows what `next dev` needs (eval, websockets). */
export function pageCsp(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'self' blob:",
  ].join("; ");
}

/** API answers are data, never documents to render or frame. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A fresh, unguessable nonce per request (128 bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Was the request made over https (directly, or as a TLS-terminating proxy reports)? */
export function isHttps(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === "https:" || (forwardedProto ?? "").split(",")[0]?.trim().toLowerCase() === "https";
}
