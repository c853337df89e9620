// The sign-in lock as the form shows it (pure: used by the server's error and the client form).

/** Prefix of the error next-auth hands to the sign-in form when the account or address is locked. */
export const SIGNIN_LOCKED_PREFIX = "SIGNIN_LOCKED:";

/** The form's message for a next-auth error string, or null when it is not a lock. */
export function lockedMessageFor(error: string, now = new Date()): string | null {
  if (!error.startsWith(SIGNIN_LOCKED_PREFIX)) return null;
  const until = new Date(error.slice(SIGNIN_LOCKED_PREFIX.length));
  const ms = Number.isNaN(until.getTime()) ? 15 * 60_000 : until.getTime() - now.getTime();
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `Too many failed sign-in attempts: sign-in is locked for ${minutes} more minute${minutes === 1 ? "" : "s"}. Try again later, or ask an administrator to unlock your account.`;
}
