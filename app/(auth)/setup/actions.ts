"use server";

import { redirect } from "next/navigation";
import { isAppError, type FieldErrors, asKnownError } from "@/lib/errors";
import { createFirstAdmin } from "@/lib/users/users";
import { env } from "@/lib/env";

export type SetupState = { fieldErrors?: FieldErrors; formError?: string; values?: { name: string; email: string } };

export async function createFirstAdminAction(_prev: SetupState, formData: FormData): Promise<SetupState> {
  const input = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
  };
  try {
    await createFirstAdmin(input);
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) return { fieldErrors: e.fieldErrors, formError: e.message, values: { name: input.name, email: input.email } };
    throw e;
  }
  // with password sign-in off, the first admin is a break-glass account: show them the password form
  redirect(env.auth().passwordSignIn ? "/signin?created=1" : "/signin?created=1&break-glass=1");
}
