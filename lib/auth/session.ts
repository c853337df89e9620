import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { prisma } from "../db";
import { AppError } from "../errors";
import type { Actor } from "../authz/policy";
import { authOptions } from "./options";

export type SessionUser = Actor & { email: string; name: string };

/**
 * The signed-in user, re-read from the database on every request so that a deactivated user or a
 * changed role takes effect at once (the JWT only carries the id). All session access goes through here.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await prisma.user.findUnique({ where: { id }, select: { id: true, role: true, email: true, name: true, active: true } });
  if (!user || !user.active) return null;
  return { id: user.id, role: user.role, email: user.email, name: user.name };
}

/** For pages: the user, or a redirect to the sign-in page. */
export async function requirePageUser(callbackPath?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(callbackPath ? `/signin?callbackUrl=${encodeURIComponent(callbackPath)}` : "/signin");
  return user;
}

/** For server actions and route handlers: the user, or an UNAUTHENTICATED error. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}
