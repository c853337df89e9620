"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isAppError, type FieldErrors, asKnownError } from "@/lib/errors";
import { createApiToken, revokeApiToken } from "@/lib/tokens/tokens";

export type NewTokenState = { fieldErrors?: FieldErrors; formError?: string; token?: string; name?: string; values?: Record<string, string> };

const list = (raw: FormDataEntryValue | null) =>
  String(raw ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export async function createTokenAction(_prev: NewTokenState, formData: FormData): Promise<NewTokenState> {
  const actor = await requireUser();
  const values = { name: String(formData.get("name") ?? ""), modelKeys: String(formData.get("modelKeys") ?? ""), expiresInDays: String(formData.get("expiresInDays") ?? "") };
  try {
    const { token, view } = await createApiToken({
      actor,
      input: { name: values.name, scopes: formData.getAll("scopes").map(String), modelKeys: list(formData.get("modelKeys")), expiresInDays: values.expiresInDays || undefined },
    });
    revalidatePath("/admin/tokens");
    // the only time the token is shown: it is not stored anywhere in clear
    return { token, name: view.name };
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") forbidden();
      return { fieldErrors: e.fieldErrors, formError: e.message, values };
    }
    throw e;
  }
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
