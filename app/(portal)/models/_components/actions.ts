"use server";

import { forbidden, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import type { FieldErrors } from "@/lib/errors";
import { formValues, runFormFor } from "@/lib/form-data";
import { createModel, updateModel } from "@/lib/models/mutations";

export type ModelFormState = {
  fieldErrors?: FieldErrors;
  formError?: string;
  /** what the user typed, handed back so nothing is lost on an error */
  values?: Record<string, string>;
};

function formInput(formData: FormData) {
  const values = formValues(formData);
  const text = (name: string) => values[name] ?? "";
  const input = {
    key: text("key"),
    name: text("name"),
    description: text("description"),
    intendedPurpose: text("intendedPurpose"),
    foreseeableMisuse: text("foreseeableMisuse"),
    businessUnit: text("businessUnit"),
    actorRole: text("actorRole") || undefined,
    publicAuthority: values.publicAuthority === "on",
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

export async function createModelAction(_prev: ModelFormState, formData: FormData): Promise<ModelFormState> {
  const actor = await requireUser();
  const { input, values } = formInput(formData);
  const done = await runFormFor(values, () => createModel({ actor, input }), forbidden);
  if (!done.ok) return done.outcome;
  revalidatePath("/models");
  redirect(`/models/${input.key.trim()}`);
}

export async function updateModelAction(key: string, _prev: ModelFormState, formData: FormData): Promise<ModelFormState> {
  const actor = await requireUser();
  const { input, values } = formInput(formData);
  const done = await runFormFor(values, () => updateModel({ actor, key, input }), forbidden);
  if (!done.ok) return done.outcome;
  revalidatePath(`/models/${key}`);
  redirect(`/models/${key}`);
}
