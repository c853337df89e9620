"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import type { FieldErrors } from "@/lib/errors";
import { runForm } from "@/lib/form-data";
import { decideReview, submitReview } from "@/lib/reviews/reviews";

export type ReviewState = { fieldErrors?: FieldErrors; formError?: string; saved?: string; values?: Record<string, string> };

async function run(fn: () => Promise<unknown>, saved: string, values: Record<string, string>, paths: string[]): Promise<ReviewState> {
  const outcome = await runForm(values, saved, fn, forbidden);
  if (outcome.saved) for (const p of paths) revalidatePath(p);
  return outcome;
}

export async function submitReviewAction(key: string, _prev: ReviewState, formData: FormData): Promise<ReviewState> {
  const actor = await requireUser();
  const note = String(formData.get("note") ?? "");
  return run(() => submitReview({ actor, key, input: { note } }), "Submitted for review.", { note }, [`/models/${key}`, "/reviews"]);
}

export async function decideReviewAction(key: string, reviewId: string, _prev: ReviewState, formData: FormData): Promise<ReviewState> {
  const actor = await requireUser();
  const values = { decision: String(formData.get("decision") ?? ""), comment: String(formData.get("comment") ?? "") };
  return run(() => decideReview({ actor, reviewId, input: values }), values.decision === "APPROVE" ? "Approved." : "Changes requested.", values, [`/models/${key}`, "/reviews"]);
}
