import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Sign-in refused" };

/** Where a refused single sign-on lands: the person is told why, and is not signed in as anything. */
const REASONS: Record<string, string> = {
  "no-mapped-group": "Your account at the identity provider is not in any group that gives access to Dossier. Ask your administrator to add you to the right group.",
  "account-deactivated": "Your Dossier account has been deactivated. Ask an administrator if you need access again.",
  "email-in-use": "A Dossier account with your e-mail address already exists but is not linked to your single sign-on identity. Ask an administrator.",
  "missing-claims": "The identity provider did not send your e-mail address or identifier. Ask your administrator to check the single sign-on set-up.",
};

export default async function SignInRefusedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).reason;
  const reason = Array.isArray(raw) ? raw[0] : raw;
  return (
    <main className="auth-page">
      <h1>You cannot sign in to Dossier</h1>
      <p className="form-error" data-testid="signin-refused">
        {(reason && REASONS[reason]) ?? "Sign-in was refused."}
      </p>
      <p>
        <Link href="/signin">Back to sign-in</Link>
      </p>
    </main>
  );
}
