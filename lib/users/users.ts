import "server-only";
import { prisma, type Tx } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, type Actor } from "../authz/policy";
import { hashPassword } from "../auth/password";
import { env } from "../env";
import { newUserSchema } from "../auth/schemas";
import { Prisma } from "../generated/prisma/client";
import { Role } from "../generated/prisma/enums";

export type CreatedUser = { id: string; email: string; name: string; role: Role };

const SYSTEM = { id: null, label: "system" } as const;

async function insertUser(input: unknown, role: Role, actor: { id: string | null; label: string }, guard?: (tx: Tx) => Promise<void>, breakGlass = false): Promise<CreatedUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  }
  const passwordHash = await hashPassword(parsed.data.password);
  try {
    return await prisma.$transaction(async (tx) => {
      await guard?.(tx);
      const user = await tx.user.create({
        data: { email: parsed.data.email, name: parsed.data.name, role, passwordHash, breakGlass },
        select: { id: true, email: true, name: true, role: true },
      });
      await recordAudit(tx, { actor, action: "user.create", entityType: "User", entityId: user.id, after: breakGlass ? { ...user, breakGlass } : user });
      return user;
    });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new AppError("CONFLICT", "A user with this email already exists.", { email: ["A user with this email already exists."] });
    }
    throw e;
  }
}

/** An admin creates a user with a role. */
export async function createUser({ actor, role, input }: { actor: Actor & { email: string }; role: Role; input: unknown }) {
  assertCan(actor, "users.manage");
  return insertUser(input, role, { id: actor.id, label: actor.email });
}

/** Scripted setup (CLI): no session, recorded as "system". A break-glass account may sign in with its password when password sign-in is off. */
export async function createUserAsSystem({ role, input, breakGlass = false }: { role: Role; input: unknown; breakGlass?: boolean }) {
  return insertUser(input, role, SYSTEM, undefined, breakGlass);
}

/** True when nobody can sign in yet: the first visit then offers to create the first admin. */
export async function needsFirstAdmin(db: Pick<Tx, "user"> = prisma): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/**
 * Creates the first admin, only while the database has no user at all. With password sign-in off
 * (SSO only) it is a break-glass account: the way in when the identity provider is unavailable.
 */
export async function createFirstAdmin(input: unknown): Promise<CreatedUser> {
  const guard = async (tx: Tx) => {
    // serialise concurrent first-run submissions so only one admin is created
    await tx.$executeRaw`LOCK TABLE "User" IN SHARE ROW EXCLUSIVE MODE`;
    if (!(await needsFirstAdmin(tx))) throw new AppError("FORBIDDEN", "Dossier is already set up: sign in instead.");
  };
  return insertUser(input, Role.ADMIN, { id: null, label: "first-run setup" }, guard, !env.auth().passwordSignIn);
}

export async function listUsers({ actor }: { actor: Actor }) {
  assertCan(actor, "users.manage");
  return prisma.user.findMany({
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, active: true, source: true, lastSignInAt: true, deactivatedAt: true, totpEnabledAt: true, breakGlass: true },
  });
}
