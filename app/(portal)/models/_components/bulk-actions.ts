"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { formValues, runForm, type ActionOutcome } from "@/lib/form-data";
import { bulkFollowUp, type BulkFollowUpResult } from "@/lib/follow-up/bulk";

const FILTER_PREFIX = "filter_";

/** What the officer is told after a bulk action: how many models changed, and why the others did not. */
function confirmation(r: BulkFollowUpResult): string {
  const of = `${r.changed} of ${r.matched} model${r.matched === 1 ? "" : "s"}`;
  if (r.action === "request-update") {
    return `Update requested for ${of}; ${r.notifiedOwners} owner${r.notifiedOwners === 1 ? "" : "s"} notified in their inbox and by e-mail.${r.unchanged ? ` ${r.unchanged} had nothing missing or no owner.` : ""}`;
  }
  const what = r.action === "assign-owner" ? "Owner set" : "Review date set";
  return `${what} on ${of}.${r.unchanged ? ` ${r.unchanged} already had it.` : ""} Each change is in the audit log.`;
}

export async function bulkFollowUpAction(_p: ActionOutcome, formData: FormData): Promise<ActionOutcome> {
  const actor = await requireUser();
  const v = formValues(formData);
  // the ticked models' checkboxes share one name; formValues keeps one value per name
  const keys = formData.getAll("key").filter((k): k is string => typeof k === "string");
  const filter = Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (k.startsWith(FILTER_PREFIX) && x ? [[k.slice(FILTER_PREFIX.length), x]] : [])));
  let result: BulkFollowUpResult | undefined;
  const outcome = await runForm(
    v,
    "",
    async () => {
      result = await bulkFollowUp({
        actor,
        input: {
          action: v.action,
          scope: v.scope,
          keys: v.scope === "selected" ? keys : [],
          filter,
          expectedTotal: v.scope === "all" ? v.expectedTotal : undefined,
          ownerEmail: v.action === "assign-owner" ? v.ownerEmail : undefined,
          ownerRole: v.action === "assign-owner" ? v.ownerRole : undefined,
          reviewDate: v.action === "review-date" && v.reviewDate ? v.reviewDate : undefined,
          message: v.action === "request-update" ? v.message : undefined,
        },
      });
    },
    forbidden,
  );
  if (!result) return outcome;
  revalidatePath("/models");
  return { saved: confirmation(result) };
}
