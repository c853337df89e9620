import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "../db";
import { env, type OidcConfig } from "../env";
import { signInSchema } from "./schemas";
import { isAppError } from "../errors";
import { isDatabaseUnavailable } from "../db-unavailable";
import { clientAddress, SignInLockedError, throttledSignIn } from "./throttle";
import { authorizeWithPassword } from "./password-sign-in";
import { signInWithSso } from "./sso";
import { recordSignOut } from "./sign-in-audit";

/** Provider id of single sign-on: the redirect URI is <NEXTAUTH_URL>/api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/**
 * OpenID Connect through next-auth (openid-client underneath): discovery from the issuer, code flow
 * with PKCE, state and nonce; the ID token's signature (issuer's JWKS), issuer, audience, expiry and
 * nonce are validated before any claim is used.
 */
function oidcProvider(config: OidcConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile: (claims) => ({ id: String(claims.sub), email: typeof claims.email === "string" ? claims.email : null, name: typeof claims.name === "string" ? claims.name : null }),
  };
}

const auth = env.auth();

/** next-auth configuration: email + password and (when configured) OIDC single sign-on; JWT sessions. */
export const authOptions: NextAuthOptions = {
  secret: env.nextAuthSecret(),
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        otp: { label: "Authentication code", type: "text" },
      },
      authorize: (credentials, req) =>
        withSafeSignInErrors(async () => {
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const email = parsed.data.email.toLowerCase();
          // lib/auth/throttle.ts: refused while the account or address is locked; failures (a wrong
          // second-factor code included) counted. lib/auth/password-sign-in.ts: the password and second factor.
          return authorizeWithPassword(credentials ?? {}, (check) => throttledSignIn({ email, address: clientAddress(req?.headers) }, check));
        }),
    }),
    ...(auth.oidc ? [oidcProvider(auth.oidc)] : []),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID || !auth.oidc) return true;
      const result = await signInWithSso({ claims: (profile ?? {}) as Record<string, unknown>, config: auth.oidc });
      if (result.outcome === "refused") return `/signin/refused?reason=${result.reason}`;
      // from here on the session names our user, not the provider's subject
      user.id = result.userId;
      user.sessionVersion = result.sessionVersion;
      return true;
    },
    async jwt({ token, user, account }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
        token.method = account?.provider === OIDC_PROVIDER_ID ? "sso" : "password";
        token.authAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) session.user.id = String(token.uid ?? token.sub ?? "");
      session.sessionVersion = token.sv ?? 0;
      session.method = token.method ?? "password";
      session.authAt = token.authAt ?? 0;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      const id = token?.uid;
      if (!id) return;
      const user = await prisma.user.findUnique({ where: { id }, select: { id: true, email: true } });
      if (user) await prisma.$transaction((tx) => recordSignOut(tx, { userId: user.id, email: user.email }));
    },
  },
};

/** Error code the sign-in form turns into "sign-in is unavailable right now". */
export const SIGN_IN_UNAVAILABLE = "DatabaseUnavailable";

/**
 * next-auth puts the message of an error thrown by `authorize` into the redirect URL it hands to the
 * anonymous visitor (`/api/auth/error?error=<message>`): a driver error would show the database's host
 * and port. Only our own user-facing messages (AppError) pass; the rest become a fixed code, logged here.
 */
async function withSafeSignInErrors<T>(authorize: () => Promise<T>): Promise<T> {
  try {
    return await authorize();
  } catch (error) {
    // a locked account or address keeps its own message (the sign-in page explains the lock)
    if (isAppError(error) || error instanceof SignInLockedError) throw error;
    if (isDatabaseUnavailable(error)) {
      console.warn("[auth] sign-in failed: database unavailable");
      throw new Error(SIGN_IN_UNAVAILABLE);
    }
    console.error("[auth] sign-in failed", error);
    throw new Error("SignInFailed");
  }
}
