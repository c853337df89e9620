"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isAppError, type FieldErrors, asKnownError } from "@/lib/errors";
import { createUser } from "@/lib/users/users";
import { unlockSignIn } from "@/lib/auth/throttle";
import { Role } from "@/lib/generated/prisma/enums";

export type NewUserState = { fieldErrors?: FieldErrors; formError?: string; created?: string; values?: Record<string, string> };

export async function createUserAction(_prev: NewUserState, formData: FormData): Promise<NewUserState> {
  const actor = await requireUser();
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? ""), role: String(formData.get("role") ?? "") };
  const role = Object.values(Role).find((r) => r === values.role);
  if (!role) return { fieldErrors: { role: ["Choose a role."] }, values };
  try {
    const user = await createUser({ actor, role, input: { ...values, password: String(formData.get("password") ?? "") } });
    revalidatePath("/admin/users");
    return { created: user.email };
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") forbidden();
      return { fieldErrors: e.fieldErrors, formError: e.message, values };
    }
    throw e;
  }
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
