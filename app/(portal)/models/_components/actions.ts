"use server";

import { forbidden, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isAppError, type FieldErrors, asKnownError } from "@/lib/errors";
import { createModel, updateModel } from "@/lib/models/mutations";

export type ModelFormState = {
  fieldErrors?: FieldErrors;
  formError?: string;
  /** what the user typed, handed back so nothing is lost on an error */
  values?: Record<string, string>;
};

function formInput(formData: FormData) {
  const text = (name: string) => String(formData.get(name) ?? "");
  const values: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === "string" && !k.startsWith("$")) values[k] = v;
  const input = {
    key: text("key"),
    name: text("name"),
    description: text("description"),
    intendedPurpose: text("intendedPurpose"),
    foreseeableMisuse: text("foreseeableMisuse"),
    businessUnit: text("businessUnit"),
    actorRole: text("actorRole") || undefined,
    publicAuthority: formData.get("publicAuthority") === "on",
    lifecycle: text("lifecycle"),
    environments: text("environments")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    businessOwnerEmail: text("businessOwnerEmail"),
    technicalOwnerEmail: text("technicalOwnerEmail"),
    nextReviewAt: text("nextReviewAt") || null,
    euDatabaseId: text("euDatabaseId"),
    revision: text("revision"),
  };
  return { input, values };
}

async function run(values: Record<string, string>, fn: () => Promise<unknown>): Promise<ModelFormState | null> {
  try {
    await fn();
    return null;
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") forbidden();
      return { fieldErrors: e.fieldErrors, formError: e.message, values };
    }
    throw e;
  }
}

export async function createModelAction(_prev: ModelFormState, formData: FormData): Promise<ModelFormState> {
  const actor = await requireUser();
  const { input, values } = formInput(formData);
  const failed = await run(values, () => createModel({ actor, input }));
  if (failed) return failed;
  revalidatePath("/models");
  redirect(`/models/${input.key.trim()}`);
}

export async function updateModelAction(key: string, _prev: ModelFormState, formData: FormData): Promise<ModelFormState> {
  const actor = await requireUser();
  const { input, values } = formInput(formData);
  const failed = await run(values, () => updateModel({ actor, key, input }));
  if (failed) return failed;
  revalidatePath(`/models/${key}`);
  redirect(`/models/${key}`);
}
