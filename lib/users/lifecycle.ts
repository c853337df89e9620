// The user lifecycle for admins: deactivate / reactivate, change role, reset a password, reset a
// second factor. Each change and its audit event commit together. Deactivation ends the person's
// sessions (sessionVersion bump, checked on every request) and revokes their API tokens at once.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { prisma, type Tx } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, type Actor } from "../authz/policy";
import { hashPassword } from "../auth/password";
import { AuthSource, Role } from "../generated/prisma/enums";
import { UUID_PATTERN } from "../validation";

type AdminActor = Actor & { email: string };

const userIdSchema = z.string().regex(UUID_PATTERN, "No such user.");
const roleSchema = z.enum(Object.values(Role) as [Role, ...Role[]], { error: "Choose a role." });

async function targetUser(tx: Tx, actor: AdminActor, rawId: unknown) {
  assertCan(actor, "users.manage");
  const id = userIdSchema.safeParse(rawId);
  const user = id.success ? await tx.user.findUnique({ where: { id: id.data }, select: { id: true, email: true, role: true, active: true, source: true, totpEnabledAt: true } }) : null;
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  return user;
}

const auditActor = (actor: AdminActor) => ({ id: actor.id, label: actor.email });

export async function deactivateUser({ actor, userId, now = new Date() }: { actor: AdminActor; userId: unknown; now?: Date }) {
  return prisma.$transaction(async (tx) => {
    const user = await targetUser(tx, actor, userId);
    if (user.id === actor.id) throw new AppError("CONFLICT", "You cannot deactivate your own account.");
    if (!user.active) return { tokensRevoked: 0 };
    await tx.user.update({ where: { id: user.id }, data: { active: false, deactivatedAt: now, sessionVersion: { increment: 1 } } });
    const revoked = await tx.apiToken.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "user.deactivate",
      entityType: "User",
      entityId: user.id,
      before: { active: true },
      after: { active: false, email: user.email, sessionsEnded: true, tokensRevoked: revoked.count },
    });
    return { tokensRevoked: revoked.count };
  });
}

/** Reactivation does not bring back the sessions or API tokens that deactivation ended. */
export async function reactivateUser({ actor, userId }: { actor: AdminActor; userId: unknown }) {
  await prisma.$transaction(async (tx) => {
    const user = await targetUser(tx, actor, userId);
    if (user.active) return;
    await tx.user.update({ where: { id: user.id }, data: { active: true, deactivatedAt: null } });
    await recordAudit(tx, { actor: auditActor(actor), action: "user.reactivate", entityType: "User", entityId: user.id, before: { active: false }, after: { active: true, email: user.email } });
  });
}

/** Password users only: an SSO user's role follows the identity provider's groups at each sign-in. */
export async function changeUserRole({ actor, userId, role }: { actor: AdminActor; userId: unknown; role: unknown }) {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new AppError("VALIDATION", "Choose a role.", { role: ["Choose a role."] });
  await prisma.$transaction(async (tx) => {
    const user = await targetUser(tx, actor, userId);
    if (user.source === AuthSource.SSO) throw new AppError("CONFLICT", "This person signs in with SSO: their role comes from the identity provider's groups.");
    if (user.id === actor.id) throw new AppError("CONFLICT", "You cannot change your own role.");
    if (user.role === parsed.data) return;
    await tx.user.update({ where: { id: user.id }, data: { role: parsed.data } });
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "user.role.change",
      entityType: "User",
      entityId: user.id,
      before: { role: user.role },
      after: { role: parsed.data, email: user.email },
    });
  });
}

/** A generated password, returned once (never stored or logged in clear); the user's sessions end. */
export async function resetPassword({ actor, userId }: { actor: AdminActor; userId: unknown }): Promise<{ email: string; password: string }> {
  const password = randomBytes(12).toString("base64url"); // 96 bits, 16 characters
  const passwordHash = await hashPassword(password);
  const email = await prisma.$transaction(async (tx) => {
    const user = await targetUser(tx, actor, userId);
    if (user.source === AuthSource.SSO) throw new AppError("CONFLICT", "This person signs in with SSO and has no Dossier password.");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, { actor: auditActor(actor), action: "user.password.reset", entityType: "User", entityId: user.id, after: { email: user.email, sessionsEnded: true } });
    return user.email;
  });
  return { email, password };
}

/** For someone who lost their authenticator: they enrol again at their next sign-in. */
export async function resetSecondFactor({ actor, userId }: { actor: AdminActor; userId: unknown }) {
  await prisma.$transaction(async (tx) => {
    const user = await targetUser(tx, actor, userId);
    if (!user.totpEnabledAt) return;
    await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, { actor: auditActor(actor), action: "user.mfa.reset", entityType: "User", entityId: user.id, after: { email: user.email, sessionsEnded: true } });
  });
}
