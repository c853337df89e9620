"use server";

import { forbidden, redirect } from "next/navigation";
import { formValues, runFormFor, type ActionOutcome } from "@/lib/form-data";
import { createFirstAdmin } from "@/lib/users/users";
import { env } from "@/lib/env";

export type SetupState = ActionOutcome;

export async function createFirstAdminAction(_prev: SetupState, formData: FormData): Promise<SetupState> {
  const { name = "", email = "", password = "" } = formValues(formData);
  // the password is never handed back to the form
  const done = await runFormFor({ name, email }, () => createFirstAdmin({ name, email, password }), forbidden);
  if (!done.ok) return done.outcome;
  // with password sign-in off, the first admin is a break-glass account: show them the password form
  redirect(env.auth().passwordSignIn ? "/signin?created=1" : "/signin?created=1&break-glass=1");
}
