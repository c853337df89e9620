import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { getSessionUser } from "@/lib/auth/session";
import { needsFirstAdmin } from "@/lib/users/users";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await needsFirstAdmin()) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl ?? "/home");
  return (
    <main className="auth-page">
      <h1>Sign in to Dossier</h1>
      {params.created === "1" && <p className="notice">Your administrator account is ready. Sign in with it.</p>}
      <div className="card">
        <SignInForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
