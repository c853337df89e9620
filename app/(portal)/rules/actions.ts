"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { checkRuleSets } from "@/lib/models/rule-sets";

export type CheckRulesState = { saved?: string };

/** Officers run the rule-set check now instead of waiting for the next scheduled scan. */
export async function checkRuleSetsAction(): Promise<CheckRulesState> {
  const actor = await requireUser();
  if (!can(actor, "model.classify.confirm")) forbidden();
  const r = await checkRuleSets();
  revalidatePath("/rules");
  return { saved: `Checked ${r.checked} classification(s) made under older rules: ${r.flagged.length} flagged, ${r.upgraded.length} unchanged and brought to ${r.current}.` };
}
