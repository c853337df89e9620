"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { markRead } from "@/lib/notifications/inbox";

const idsSchema = z.array(z.uuid()).max(200);

/** Marks one (id given) or all of the signed-in user's notifications read. */
export async function markReadAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = formData.get("id");
  const parsed = typeof id === "string" && id !== "" ? idsSchema.safeParse([id]) : undefined;
  // a malformed id names no notification of this user: nothing to mark
  if (parsed && !parsed.success) return;
  await markRead({ userId: user.id, ids: parsed?.data });
  revalidatePath("/inbox");
}
