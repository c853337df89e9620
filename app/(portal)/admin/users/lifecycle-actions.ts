"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { runFormFor } from "@/lib/form-data";
import { changeUserRole, deactivateUser, reactivateUser, resetPassword, resetSecondFactor } from "@/lib/users/lifecycle";

export type LifecycleState = { message?: string; error?: string; oneTimePassword?: string };

const OPERATIONS = {
  deactivate: async (actor, id) => {
    const { tokensRevoked } = await deactivateUser({ actor, userId: id });
    return { message: `Deactivated: sessions ended, ${tokensRevoked} API token(s) revoked.` };
  },
  reactivate: async (actor, id) => {
    await reactivateUser({ actor, userId: id });
    return { message: "Reactivated." };
  },
  role: async (actor, id, formData) => {
    await changeUserRole({ actor, userId: id, role: formData.get("role") });
    return { message: "Role changed." };
  },
  password: async (actor, id) => {
    const { email, password } = await resetPassword({ actor, userId: id });
    return { message: `New password for ${email}. It is shown this once: hand it over securely.`, oneTimePassword: password };
  },
  mfa: async (actor, id) => {
    await resetSecondFactor({ actor, userId: id });
    return { message: "Second factor removed: they set up a new one at their next sign-in." };
  },
} satisfies Record<string, (actor: Awaited<ReturnType<typeof requireUser>>, id: unknown, formData: FormData) => Promise<LifecycleState>>;

/** One action for every lifecycle button of a row: `operation` names which. */
export async function userLifecycleAction(_prev: LifecycleState, formData: FormData): Promise<LifecycleState> {
  const actor = await requireUser();
  const operation = String(formData.get("operation") ?? "");
  const run = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation as keyof typeof OPERATIONS] : undefined;
  if (!run) return { error: "Unknown operation." };
  const done = await runFormFor({}, () => run(actor, formData.get("userId"), formData), forbidden);
  if (!done.ok) return { error: done.outcome.formError };
  revalidatePath("/admin/users");
  return done.result;
}
