// The start every page under /models/{key} shares: the signed-in user (else to sign-in and back), and a
// key that cannot exist is simply not found.
import "server-only";
import { forbidden, notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can, type Action } from "@/lib/authz/policy";
import { MODEL_KEY_PATTERN } from "@/lib/models/schemas";
import { getModelByKey } from "@/lib/models/queries";

/** `subpath` is the page below the model ("/edit"), for the way back after signing in. */
export async function openModelPage(params: Promise<{ key: string }>, subpath = "") {
  const { key } = await params;
  const user = await requirePageUser(`/models/${key}${subpath}`);
  if (!MODEL_KEY_PATTERN.test(key)) notFound();
  return { user, key };
}

/** A page that acts on the model: the model, or not found; a user who may not do `action` on it is forbidden. */
export async function openModelPageFor(params: Promise<{ key: string }>, subpath: string, action: Action) {
  const { user, key } = await openModelPage(params, subpath);
  const model = await getModelByKey(key);
  if (!model) notFound();
  if (!can(user, action, { kind: "model", model })) forbidden();
  return { user, key, model };
}
