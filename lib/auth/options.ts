import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "../db";
import { signInSchema } from "./schemas";
import { dummyPasswordHash, verifyPassword } from "./password";
import { isAppError } from "../errors";
import { isDatabaseUnavailable } from "../db-unavailable";

/** next-auth configuration: email + password, JWT sessions (no session table). */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: (credentials) => withSafeSignInErrors(async () => {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const user = await prisma.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
        // spend the same time for unknown users, so timing does not reveal which emails exist
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyPasswordHash()));
        if (!user || !ok || !user.active) return null;
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      }),
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (session.user) session.user.id = String(token.uid ?? token.sub ?? "");
      return session;
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
    if (isAppError(error)) throw error;
    if (isDatabaseUnavailable(error)) {
      console.warn("[auth] sign-in failed: database unavailable");
      throw new Error(SIGN_IN_UNAVAILABLE);
    }
    console.error("[auth] sign-in failed", error);
    throw new Error("SignInFailed");
  }
}
