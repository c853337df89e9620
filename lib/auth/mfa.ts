// Second factor for password accounts: TOTP (RFC 6238, via the otpauth library) and one-time recovery
// codes. Secrets are sealed (secret-box.ts), recovery codes stored as sha256 hashes, and a TOTP code
// is accepted once: the last used 30-second step is stored and a code for that step or an earlier
// one is refused (replay), with the check-and-set done in one conditional UPDATE.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { prisma } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit-log/record";
import { env } from "../env";
import { AuthSource, Role } from "../generated/prisma/enums";
import { open, seal } from "./secret-box";

const PURPOSE = "totp";
const PERIOD = 30;
const DIGITS = 6;
const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Dossier";

const MFA_ROLES: ReadonlySet<Role> = new Set([Role.ADMIN, Role.COMPLIANCE_OFFICER]);

/** Must this person use a second factor? Password admins and compliance officers, when DOSSIER_REQUIRE_MFA=on. */
export function mfaRequiredFor(user: { role: Role; source: AuthSource }, requireMfa = env.auth().requireMfa): boolean {
  return requireMfa && user.source === AuthSource.PASSWORD && MFA_ROLES.has(user.role);
}

function totpFor(secretBase32: string, label: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: DIGITS, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** The 30-second step a valid code belongs to (±1 step of clock drift), or null. */
function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, "x").validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

export type TotpEnrolment = { secret: string; uri: string; qrDataUrl: string };

/** Starts (or restarts) enrolment: a new secret, kept pending until a code from the app confirms it. */
export async function startTotpEnrolment({ userId }: { userId: string }): Promise<TotpEnrolment> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await prisma.user.update({ where: { id: userId }, data: { totpPendingSecret: seal(secret, PURPOSE) } });
  const uri = totpFor(secret, user.email).toString();
  // rendered here, on the server, into a data: URL: the secret never goes to a third-party QR service
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 220 });
  return { secret, uri, qrDataUrl };
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function recoveryCodeHash(userId: string, code: string): string {
  return createHash("sha256")
    .update(`${userId}:${normaliseRecoveryCode(code)}`)
    .digest("hex");
}

function newRecoveryCode(): string {
  const raw = randomBytes(8).toString("hex"); // 64 bits
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
}

/** Confirms enrolment with a code from the app; returns the recovery codes, shown this once. */
export async function confirmTotpEnrolment({ userId, code, now = new Date() }: { userId: string; code: string; now?: Date }): Promise<{ recoveryCodes: string[] }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpPendingSecret: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  const secret = user.totpPendingSecret ? open(user.totpPendingSecret, PURPOSE) : null;
  if (!secret) throw new AppError("VALIDATION", "Start the set-up again: no pending authenticator.", { code: ["Start the set-up again."] });
  const step = matchingStep(secret, code.trim(), now);
  if (step === null) throw new AppError("VALIDATION", "Check the code.", { code: ["That code is not valid. Enter the 6 digits your app shows now."] });
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await prisma.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await tx.user.update({
      where: { id: userId },
      data: { totpSecret: seal(secret, PURPOSE), totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
    });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((c) => ({ userId, codeHash: recoveryCodeHash(userId, c) })) });
    await recordAudit(tx, { actor: { id: userId, label: user.email }, action: "user.mfa.enable", entityType: "User", entityId: userId, after: { method: "totp", recoveryCodes: RECOVERY_CODE_COUNT } });
  });
  return { recoveryCodes };
}

export type SecondFactorResult = "totp" | "recovery-code" | null;

/**
 * Checks a second factor at sign-in: a 6-digit TOTP code (each step accepted once) or an unused
 * recovery code (consumed). Returns which one matched, or null.
 */
export async function verifySecondFactor({ userId, code, now = new Date() }: { userId: string; code: string; now?: Date }): Promise<SecondFactorResult> {
  const trimmed = code.trim();
  if (!trimmed || trimmed.length > 64) return null;
  if (/^\d{6}$/.test(trimmed)) {
    const user = await prisma.user.findUnique({ where: { id: userId }, select: { totpSecret: true } });
    const secret = user?.totpSecret ? open(user.totpSecret, PURPOSE) : null;
    if (!secret) return null;
    const step = matchingStep(secret, trimmed, now);
    if (step === null) return null;
    const taken = await prisma.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return taken.count === 1 ? "totp" : null;
  }
  const used = await prisma.recoveryCode.updateMany({ where: { userId, codeHash: recoveryCodeHash(userId, trimmed), usedAt: null }, data: { usedAt: now } });
  return used.count === 1 ? "recovery-code" : null;
}

/** Unused recovery codes left (shown on the security page). */
export function remainingRecoveryCodes(userId: string): Promise<number> {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

/** For tests and the admin reset: the current code of a secret (never exposed to users). */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totpFor(secretBase32, "x").generate({ timestamp: at.getTime() });
}
