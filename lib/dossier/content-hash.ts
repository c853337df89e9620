// The content fingerprint printed on a document's cover. A file cannot contain its own SHA-256, so the
// cover carries the hash of the document's DATA instead (canonical JSON: keys sorted, no whitespace,
// without the issuance block that names who/when/which record) and the file's own hash is kept in its
// DossierRecord. Pure, so tests and an auditor's script can recompute it from `?format=json`.
import { createHash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export const sha256Hex = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** sha256 of the content without its issuance block (recordId, who, when, and this hash itself). */
export function contentSha256<T extends { issuance: unknown }>(data: T): string {
  const { issuance: _issuance, ...content } = data;
  return sha256Hex(canonicalJson(content));
}
