"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isAppError, type FieldErrors, asKnownError } from "@/lib/errors";
import { classifyModel, confirmClassification } from "@/lib/models/classification";

export type ClassificationState = { fieldErrors?: FieldErrors; formError?: string; saved?: string };

export async function classifyAction(key: string, _prev: ClassificationState, formData: FormData): Promise<ClassificationState> {
  const actor = await requireUser();
  let answers: unknown;
  try {
    answers = JSON.parse(String(formData.get("answers") ?? "{}"));
  } catch {
    return { formError: "The questionnaire could not be read; reload the page and try again." };
  }
  try {
    const { status, result } = await classifyModel({ actor, key, input: { revision: formData.get("revision"), answers } });
    revalidatePath(`/models/${key}`);
    return { saved: `${status === "CONFIRMED" ? "Saved and confirmed" : "Proposed; a compliance officer will confirm it"}: ${result.riskClass}.` };
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") forbidden();
      return { fieldErrors: e.fieldErrors, formError: e.message };
    }
    throw e;
  }
}

export async function confirmClassificationAction(key: string, revision: number): Promise<ClassificationState> {
  const actor = await requireUser();
  try {
    await confirmClassification({ actor, key, revision });
    revalidatePath(`/models/${key}`);
    return { saved: "Classification confirmed." };
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") forbidden();
      return { formError: e.message };
    }
    throw e;
  }
}
