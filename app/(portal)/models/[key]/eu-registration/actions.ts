"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { formValues, runForm, type ActionOutcome } from "@/lib/form-data";
import { saveRegistration } from "@/lib/eu-registration/registration";

export async function saveRegistrationAction(key: string, _prev: ActionOutcome, formData: FormData): Promise<ActionOutcome> {
  const actor = await requireUser();
  const values = formValues(formData);
  const outcome = await runForm(values, "Registration data saved.", () => saveRegistration({ actor, key, input: values }), forbidden);
  if (outcome.saved) {
    revalidatePath(`/models/${key}`);
    revalidatePath(`/models/${key}/eu-registration`);
  }
  return outcome;
}
