import type { Session } from "next-auth";
import { AuthSource } from "../generated/prisma/enums";

/**
 * Is this session still valid for this user record? Re-checked on every request, so deactivation,
 * a password reset or a refused SSO sign-in (all bump sessionVersion) end sessions at once, and an
 * SSO session ends after the maximum SSO session age whatever its cookie says.
 */
export function sessionStillValid(
  session: Pick<Session, "sessionVersion" | "method" | "authAt">,
  user: { active: boolean; sessionVersion: number; source: AuthSource },
  now: Date,
  ssoMaxSessionSeconds: number,
): boolean {
  if (!user.active) return false;
  if ((session.sessionVersion ?? 0) !== user.sessionVersion) return false;
  const method = session.method ?? "password";
  // an account is signed in only the way it is set up: a password session never speaks for an SSO user
  if ((method === "sso") !== (user.source === AuthSource.SSO)) return false;
  if (method === "sso" && now.getTime() / 1000 - (session.authAt ?? 0) > ssoMaxSessionSeconds) return false;
  return true;
}
