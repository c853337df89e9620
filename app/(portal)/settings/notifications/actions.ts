"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { NOTIFICATION_KINDS } from "@/lib/notifications/kinds";
import { savePreferences, type Preferences } from "@/lib/notifications/preferences";

export type SaveState = { saved: boolean };

/** Each kind arrives as three checkboxes: <kind>.inApp, <kind>.email, <kind>.digest. */
export async function savePreferencesAction(_prev: SaveState, formData: FormData): Promise<SaveState> {
  const user = await requireUser();
  const preferences = Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, { inApp: formData.get(`${kind}.inApp`) === "on", email: formData.get(`${kind}.email`) === "on", digest: formData.get(`${kind}.digest`) === "on" }]),
  ) as Preferences;
  await savePreferences({ userId: user.id, preferences });
  revalidatePath("/settings/notifications");
  return { saved: true };
}
