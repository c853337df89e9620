// Encrypts small secrets kept in the database (TOTP seeds) with AES-256-GCM under a key derived from
// NEXTAUTH_SECRET (HKDF), so a copy of the database alone does not yield anyone's second factor.
// Rotating NEXTAUTH_SECRET therefore makes enrolled authenticators unreadable: users re-enrol.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "../env";

const VERSION = "v1";

function key(purpose: string): Buffer {
  const secret = env.nextAuthSecret();
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: it is needed to encrypt second-factor secrets.");
  return Buffer.from(hkdfSync("sha256", secret, "dossier-secret-box", `${purpose}:${VERSION}`, 32));
}

export function seal(plain: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(purpose), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(":");
}

/** The plain text, or null when the box was sealed under another key or altered. */
export function open(sealed: string, purpose: string): string | null {
  const [version, iv, tag, body] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || !body) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(purpose), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
