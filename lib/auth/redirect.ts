// Where to send the browser after sign-in. Only a path on this site is accepted: anything a browser
// could read as another host (`//evil`, `/\evil`, `/%5Cevil`, `https://evil`, `javascript:`, control
// characters that browsers strip) falls back to the default. Pure, so the sign-in page, the form and
// the tests share one rule.

const PLACEHOLDER_ORIGIN = "http://dossier.invalid";

/** `raw` as a same-origin path (with its query and fragment), or undefined when it is not one. */
export function safeCallbackPath(raw: unknown): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return undefined;
  // browsers drop tabs/newlines and treat "\" like "/" in URLs, so "/\t/evil" and "/\evil" mean "//evil"
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  if (!value.startsWith("/") || value.startsWith("//")) return undefined;
  // the same checks on the decoded text: a path that decodes into another host is refused too
  let decoded = value;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return undefined; // malformed percent-encoding (e.g. "%ff")
    }
    if (next === decoded) break;
    if (/[\u0000-\u001f\u007f\\]/.test(next) || next.startsWith("//")) return undefined;
    decoded = next;
  }
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
