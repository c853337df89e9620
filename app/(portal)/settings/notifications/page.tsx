import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { NOTIFICATION_KINDS, NOTIFICATION_KIND_INFO } from "@/lib/notifications/kinds";
import { getPreferences } from "@/lib/notifications/preferences";
import { mailConfig } from "@/lib/notifications/email";
import { PreferencesForm } from "./preferences-form";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const user = await requirePageUser("/settings/notifications");
  const preferences = await getPreferences(user.id);
  const email = mailConfig() !== null;
  return (
    <>
      <h1>Notification settings</h1>
      <p className="muted">
        {email
          ? `Emails go to ${user.email}. Several notifications at once arrive as one message; those marked "daily digest" wait for the digest each morning.`
          : "Email is not configured on this server (SMTP_URL): notifications appear in your inbox only."}
      </p>
      <PreferencesForm
        kinds={NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_KIND_INFO[kind].label, description: NOTIFICATION_KIND_INFO[kind].description }))}
        preferences={preferences}
      />
    </>
  );
}
