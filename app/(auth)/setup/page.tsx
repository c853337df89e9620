import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { needsFirstAdmin } from "@/lib/users/users";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Dossier" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (!(await needsFirstAdmin())) redirect("/signin");
  return (
    <main className="auth-page">
      <h1>Welcome to Dossier</h1>
      <p>This database has no users yet. Create the first administrator account.</p>
      <div className="card">
        <SetupForm />
      </div>
    </main>
  );
}
