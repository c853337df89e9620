"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import type { FieldErrors } from "@/lib/errors";
import { runForm, runFormFor } from "@/lib/form-data";
import { classifyModel, confirmClassification } from "@/lib/models/classification";
import { reconfirmUnderCurrentRules } from "@/lib/models/rule-sets";

export type ClassificationState = { fieldErrors?: FieldErrors; formError?: string; saved?: string };

export async function classifyAction(key: string, _prev: ClassificationState, formData: FormData): Promise<ClassificationState> {
  const actor = await requireUser();
  let answers: unknown;
  try {
    answers = JSON.parse(String(formData.get("answers") ?? "{}"));
  } catch {
    return { formError: "The questionnaire could not be read; reload the page and try again." };
  }
  const done = await runFormFor({}, () => classifyModel({ actor, key, input: { revision: formData.get("revision"), answers } }), forbidden);
  if (!done.ok) return { fieldErrors: done.outcome.fieldErrors, formError: done.outcome.formError };
  const { status, result } = done.result;
  revalidatePath(`/models/${key}`);
  return { saved: `${status === "CONFIRMED" ? "Saved and confirmed" : "Proposed; a compliance officer will confirm it"}: ${result.riskClass}.` };
}

export async function confirmClassificationAction(key: string, revision: number): Promise<ClassificationState> {
  const actor = await requireUser();
  const outcome = await runForm({}, "Classification confirmed.", () => confirmClassification({ actor, key, revision }), forbidden);
  if (!outcome.saved) return { formError: outcome.formError };
  revalidatePath(`/models/${key}`);
  return { saved: outcome.saved };
}

/** One click: accept the verdict of the current rule set for a model flagged "rules changed" (audited). */
export async function reconfirmUnderCurrentRulesAction(key: string, revision: number): Promise<ClassificationState> {
  const actor = await requireUser();
  const done = await runFormFor({}, () => reconfirmUnderCurrentRules({ actor, key, revision }), forbidden);
  if (!done.ok) return { formError: done.outcome.formError };
  revalidatePath(`/models/${key}`);
  revalidatePath("/rules");
  return { saved: `Re-confirmed under ${done.result.toVersion}: ${done.result.new.riskClass}.` };
}
