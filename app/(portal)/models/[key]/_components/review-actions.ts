"use server";

import { forbidden, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import type { FieldErrors } from "@/lib/errors";
import { runForm } from "@/lib/form-data";
import { decideReview, submitReview } from "@/lib/reviews/reviews";

export type ReviewState = { fieldErrors?: FieldErrors; formError?: string; saved?: string; values?: Record<string, string> };

/** On success the page reloads with a confirmation (the form itself gives way to the recorded review). */
async function run(fn: () => Promise<unknown>, saved: string, values: Record<string, string>, paths: string[], done: string): Promise<ReviewState> {
  const outcome = await runForm(values, saved, fn, forbidden);
  if (!outcome.saved) return outcome;
  for (const p of paths) revalidatePath(p);
  redirect(done);
}

export async function submitReviewAction(key: string, _prev: ReviewState, formData: FormData): Promise<ReviewState> {
  const actor = await requireUser();
  const note = String(formData.get("note") ?? "");
  return run(() => submitReview({ actor, key, input: { note } }), "Submitted for review.", { note }, [`/models/${key}`, "/reviews"], `/models/${key}?review=submitted#review`);
}

export async function decideReviewAction(key: string, reviewId: string, _prev: ReviewState, formData: FormData): Promise<ReviewState> {
  const actor = await requireUser();
  const values = { decision: String(formData.get("decision") ?? ""), comment: String(formData.get("comment") ?? "") };
  const outcome = values.decision === "APPROVE" ? "approved" : "changes-requested";
  return run(
    () => decideReview({ actor, reviewId, input: values }),
    values.decision === "APPROVE" ? "Approved." : "Changes requested.",
    values,
    [`/models/${key}`, "/reviews"],
    `/models/${key}?review=${outcome}#review`,
  );
}
