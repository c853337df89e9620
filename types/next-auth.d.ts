import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id: string; name?: string | null; email?: string | null };
    /** the user's sessionVersion when this session began: a bump ends the session */
    sessionVersion?: number;
    /** how this session was signed in, and when (seconds since the epoch) */
    method?: "password" | "sso";
    authAt?: number;
  }
  interface User {
    role?: string;
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    method?: "password" | "sso";
    authAt?: number;
  }
}
