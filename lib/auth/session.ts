import "server-only";
import { cache } from "react";
import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import { prisma } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import type { Actor } from "../authz/policy";
import { AuthSource } from "../generated/prisma/enums";
import { mfaRequiredFor } from "./mfa";
import { sessionStillValid } from "./session-validity";
import { authOptions } from "./options";

export type SessionUser = Actor & {
  email: string;
  name: string;
  source: AuthSource;
  /** a password admin or compliance officer who must enrol a second factor before doing anything else */
  mfaEnrollmentRequired: boolean;
};

/** The page where a second factor is set up: reachable while enrolment is required. */
export const SECURITY_PAGE = "/account/security";

/**
 * The signed-in user, re-read from the database once per request (the JWT only carries the id): a page,
 * its layout and the server action it runs share one lookup. React's `cache` is scoped to the request
 * being rendered; where there is none (a route handler, a script, a test) it calls through every time,
 * so a result is never shared between requests. An explicit `now` bypasses the cache.
 */
export async function getSessionUser(now?: Date): Promise<SessionUser | null> {
  return now ? lookUpSessionUser(now) : sessionUserOfThisRequest();
}

const lookUpSessionUser = async (now: Date) => userForSession(await getServerSession(authOptions), now);
const sessionUserOfThisRequest = cache(() => lookUpSessionUser(new Date()));

/** The user a decoded session speaks for, if that session still holds against the user record. */
export async function userForSession(session: Session | null, now = new Date()): Promise<SessionUser | null> {
  const id = session?.user?.id;
  if (!session || !id) return null;
  const user = await prisma.user.findUnique({
    where: { id },
    select: { id: true, role: true, email: true, name: true, active: true, sessionVersion: true, source: true, totpEnabledAt: true },
  });
  const config = env.auth();
  if (!user || !sessionStillValid(session, user, now, config.ssoMaxSessionSeconds)) return null;
  return {
    id: user.id,
    role: user.role,
    email: user.email,
    name: user.name,
    source: user.source,
    mfaEnrollmentRequired: !user.totpEnabledAt && mfaRequiredFor(user, config.requireMfa),
  };
}

/** For pages: the user, or a redirect to the sign-in page (or to second-factor set-up when it is due). */
export async function requirePageUser(callbackPath?: string, options: { allowMfaEnrollment?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(callbackPath ? `/signin?callbackUrl=${encodeURIComponent(callbackPath)}` : "/signin");
  if (user.mfaEnrollmentRequired && !options.allowMfaEnrollment) redirect(SECURITY_PAGE);
  return user;
}

/** For server actions and route handlers: the user, or an UNAUTHENTICATED error. */
export async function requireUser(options: { allowMfaEnrollment?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  if (user.mfaEnrollmentRequired && !options.allowMfaEnrollment) throw new AppError("FORBIDDEN", "Set up two-factor authentication first.");
  return user;
}
