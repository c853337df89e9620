"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isAppError, type FieldErrors } from "@/lib/errors";
import { formValues, runFormFor } from "@/lib/form-data";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";

export type NewTokenState = { fieldErrors?: FieldErrors; formError?: string; token?: string; name?: string; values?: Record<string, string> };

const list = (raw: string) =>
  raw
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export async function createTokenAction(_prev: NewTokenState, formData: FormData): Promise<NewTokenState> {
  const actor = await requireUser();
  const { name = "", modelKeys = "", expiresInDays = "" } = formValues(formData);
  const values = { name, modelKeys, expiresInDays };
  const done = await runFormFor(
    values,
    () => createApiToken({ actor, input: { name, scopes: formData.getAll("scopes").map(String), modelKeys: list(modelKeys), expiresInDays: expiresInDays || undefined } }),
    forbidden,
  );
  if (!done.ok) return done.outcome;
  revalidatePath("/admin/tokens");
  // the only time the token is shown: it is not stored anywhere in clear
  return { token: done.result.token, name: done.result.view.name };
}

export async function revokeTokenAction(formData: FormData): Promise<void> {
  const actor = await requireUser();
  try {
    await revokeApiToken({ actor, id: String(formData.get("id") ?? "") });
  } catch (e) {
    // a malformed or unknown id (or one the actor may not manage): nothing to revoke, the page shows the list
    if (!(isAppError(e) && e.code === "NOT_FOUND")) throw e;
  }
  revalidatePath("/admin/tokens");
}
