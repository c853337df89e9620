// Single sign-on: just-in-time provisioning of the person the identity provider vouched for. The
// account is found by issuer + subject (never by e-mail alone); every sign-in re-applies the role
// from the claims, and a role change is an audit event. Someone whose groups no longer map to a
// role is refused, and their other sessions end at their next request (sessionVersion bump).
import "server-only";
import { prisma } from "../db";
import { recordAudit } from "../audit-log/record";
import type { OidcConfig } from "../env";
import { AuthSource } from "../generated/prisma/enums";
import { Prisma } from "../generated/prisma/client";
import { groupsFromClaims, roleForGroups } from "./sso-roles";
import { recordSignIn, recordSignInFailure, type SignInFailureReason } from "./sign-in-audit";

/** Password hash of SSO accounts: not an scrypt string, so no password can ever match it. */
export const NO_PASSWORD = "!sso";

const SSO_ACTOR = { id: null, label: "single sign-on" } as const;

export type SsoSignInResult = { outcome: "success"; userId: string; sessionVersion: number } | { outcome: "refused"; reason: SignInFailureReason };

function claimString(claims: Record<string, unknown>, name: string, max: number): string | undefined {
  const v = claims[name];
  return typeof v === "string" && v.length > 0 && v.length <= max && !v.includes("\u0000") ? v : undefined;
}

export async function signInWithSso({ claims, config, now = new Date() }: { claims: Record<string, unknown>; config: OidcConfig; now?: Date }): Promise<SsoSignInResult> {
  const issuer = claimString(claims, "iss", 2000);
  const subject = claimString(claims, "sub", 255);
  const emailClaim = claimString(claims, "email", 320) ?? claimString(claims, "preferred_username", 320);
  const email = emailClaim?.includes("@") ? emailClaim.toLowerCase() : undefined;
  const name = (claimString(claims, "name", 200) ?? email ?? "").trim();
  const groups = groupsFromClaims(claims, config.roleClaim);
  const decision = roleForGroups(groups, config);

  return prisma.$transaction(async (tx) => {
    const refuse = async (reason: SignInFailureReason, userId: string | null = null): Promise<SsoSignInResult> => {
      await recordSignInFailure(tx, { userId, email: email ?? subject ?? "unknown", method: "sso", reason });
      return { outcome: "refused", reason };
    };
    if (!issuer || !subject || !email) return refuse("missing-claims");

    const existing = await tx.user.findUnique({
      where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } },
      select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
    });

    if (!existing) {
      if (!decision.role) return refuse("no-mapped-group");
      try {
        // a savepoint, so a clash on the e-mail leaves the transaction usable for the audit event
        await tx.$executeRaw`SAVEPOINT sso_create`;
        const user = await tx.user.create({
          data: { email, name: name || email, role: decision.role, passwordHash: NO_PASSWORD, source: AuthSource.SSO, oidcIssuer: issuer, oidcSubject: subject, ssoGroups: groups, lastSignInAt: now },
          select: { id: true, email: true, name: true, role: true, source: true, sessionVersion: true },
        });
        await recordAudit(tx, {
          actor: SSO_ACTOR,
          action: "user.create",
          entityType: "User",
          entityId: user.id,
          after: { email: user.email, name: user.name, role: user.role, source: "SSO", issuer, groups: decision.matchedGroups },
        });
        await recordSignIn(tx, { userId: user.id, email, method: "sso" });
        return { outcome: "success", userId: user.id, sessionVersion: user.sessionVersion };
      } catch (e) {
        if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
          await tx.$executeRaw`ROLLBACK TO SAVEPOINT sso_create`;
          return refuse("email-in-use");
        }
        throw e;
      }
    }

    if (!existing.active) return refuse("account-deactivated", existing.id);
    if (!decision.role) {
      // the directory no longer grants a role: end every session of this person now
      await tx.user.update({ where: { id: existing.id }, data: { ssoGroups: groups, sessionVersion: { increment: 1 } } });
      return refuse("no-mapped-group", existing.id);
    }
    const emailTaken = email !== existing.email && (await tx.user.count({ where: { email } })) > 0;
    const updated = await tx.user.update({
      where: { id: existing.id },
      data: { role: decision.role, name: name || existing.name, email: emailTaken ? existing.email : email, ssoGroups: groups, lastSignInAt: now },
      select: { id: true, role: true, sessionVersion: true },
    });
    if (updated.role !== existing.role) {
      await recordAudit(tx, {
        actor: SSO_ACTOR,
        action: "user.role.change",
        entityType: "User",
        entityId: existing.id,
        before: { role: existing.role },
        after: { role: updated.role, source: "SSO", groups: decision.matchedGroups },
      });
    }
    await recordSignIn(tx, { userId: existing.id, email, method: "sso" });
    return { outcome: "success", userId: updated.id, sessionVersion: updated.sessionVersion };
  });
}
