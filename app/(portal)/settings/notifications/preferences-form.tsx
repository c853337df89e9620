"use client";

import { DataTable } from "@/app/_components/data-table";
import { useActionState } from "react";
import type { DeliveryPreference, NotificationKind } from "@/lib/notifications/kinds";
import { savePreferencesAction } from "./actions";

export function PreferencesForm({ kinds, preferences }: { kinds: Array<{ kind: NotificationKind; label: string; description: string }>; preferences: Record<NotificationKind, DeliveryPreference> }) {
  const [state, action, pending] = useActionState(savePreferencesAction, { saved: false });
  return (
    <form action={action}>
      <DataTable headers={["Notification", "In the inbox", "By email", "Email in the daily digest"]}>
        {kinds.map(({ kind, label, description }) => (
          <tr key={kind}>
            <td>
              <strong>{label}</strong>
              <div className="muted">{description}</div>
            </td>
            <td>
              <input type="checkbox" name={`${kind}.inApp`} aria-label={`${label}: in the inbox`} defaultChecked={preferences[kind].inApp} />
            </td>
            <td>
              <input type="checkbox" name={`${kind}.email`} aria-label={`${label}: by email`} defaultChecked={preferences[kind].email} />
            </td>
            <td>
              <input type="checkbox" name={`${kind}.digest`} aria-label={`${label}: daily digest`} defaultChecked={preferences[kind].digest} />
            </td>
          </tr>
        ))}
      </DataTable>
      <p>
        <button type="submit" disabled={pending}>
          Save
        </button>{" "}
        {state.saved && <span role="status">Saved.</span>}
      </p>
    </form>
  );
}
