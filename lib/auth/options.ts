import "server-only";
import type { NextAuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "../db";
import { env, type OidcConfig } from "../env";
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
  secret: process.env.NEXTAUTH_SECRET,
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
      async authorize(credentials) {
        return authorizeWithPassword(credentials ?? {});
      },
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
