import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listInbox, unreadCount } from "@/lib/notifications/inbox";
import { NOTIFICATION_KIND_INFO, isNotificationKind } from "@/lib/notifications/kinds";
import { markReadAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const user = await requirePageUser("/inbox");
  const [items, unread] = await Promise.all([listInbox({ userId: user.id }), unreadCount(user.id)]);
  return (
    <>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h1>Inbox</h1>
        <Link href="/settings/notifications">Notification settings</Link>
      </div>
      <p data-testid="inbox-unread">{unread} unread</p>
      {unread > 0 && (
        <form action={markReadAction}>
          <button type="submit">Mark all read</button>
        </form>
      )}
      {items.length === 0 ? (
        <p className="muted">Nothing here yet.</p>
      ) : (
        <ul className="card" style={{ listStyle: "none", paddingLeft: "1.25rem" }} data-testid="inbox-list">
          {items.map((n) => (
            <li key={n.id} style={{ padding: "0.5rem 0", borderBottom: "1px solid var(--line)", fontWeight: n.readAt ? 400 : 600 }}>
              <span className="badge">{isNotificationKind(n.kind) ? NOTIFICATION_KIND_INFO[n.kind].label : n.kind}</span> {n.link ? <Link href={n.link}>{n.title}</Link> : n.title}
              {/* bodies keep their line breaks: an update request lists one model per line */}
              <div className="muted" style={{ fontWeight: 400, whiteSpace: "pre-line" }}>
                {n.body}
              </div>
              <div className="muted" style={{ fontWeight: 400, fontSize: "0.8rem" }}>
                {n.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                {!n.readAt && (
                  <form action={markReadAction} style={{ display: "inline", marginLeft: "0.5rem" }}>
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit">Mark read</button>
                  </form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
