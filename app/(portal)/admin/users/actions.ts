"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isAppError, type FieldErrors, asKnownError } from "@/lib/errors";
import { formValues, runFormFor } from "@/lib/form-data";
import { createUser } from "@/lib/users/users";
import { unlockSignIn } from "@/lib/auth/throttle";
import { Role } from "@/lib/generated/prisma/enums";

export type NewUserState = { fieldErrors?: FieldErrors; formError?: string; created?: string; values?: Record<string, string> };

export async function createUserAction(_prev: NewUserState, formData: FormData): Promise<NewUserState> {
  const actor = await requireUser();
  const { name = "", email = "", role: roleName = "", password = "" } = formValues(formData);
  const values = { name, email, role: roleName };
  const role = Object.values(Role).find((r) => r === values.role);
  if (!role) return { fieldErrors: { role: ["Choose a role."] }, values };
  const done = await runFormFor(values, () => createUser({ actor, role, input: { ...values, password } }), forbidden);
  if (!done.ok) return done.outcome;
  revalidatePath("/admin/users");
  return { created: done.result.email };
}

/** Lift a sign-in lock (account or client address) before it expires; audited in lib/auth/throttle.ts. */
export async function unlockSignInAction(formData: FormData): Promise<void> {
  const actor = await requireUser();
  const scope = formData.get("scope") === "address" ? "address" : "account";
  const subject = String(formData.get("subject") ?? "").slice(0, 320);
  try {
    await unlockSignIn({ actor, scope, subject });
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e) && e.code === "FORBIDDEN") forbidden();
    // already unlocked (expired, or another administrator was quicker): the refreshed page shows it
    if (!(isAppError(e) && e.code === "NOT_FOUND")) throw e;
  }
  revalidatePath("/admin/users");
}
