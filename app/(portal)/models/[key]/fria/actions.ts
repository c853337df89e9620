"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { formValues, runForm, type ActionOutcome } from "@/lib/form-data";
import { saveFria } from "@/lib/fria/fria";

export async function saveFriaAction(key: string, _prev: ActionOutcome, formData: FormData): Promise<ActionOutcome> {
  const actor = await requireUser();
  const values = formValues(formData);
  const outcome = await runForm(values, "Assessment saved and recorded as reviewed today.", () => saveFria({ actor, key, input: values }), forbidden);
  if (outcome.saved) {
    revalidatePath(`/models/${key}`);
    revalidatePath(`/models/${key}/fria`);
  }
  return outcome;
}
