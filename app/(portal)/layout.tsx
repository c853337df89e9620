import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { navigationFor } from "@/lib/authz/policy";
import { ROLE_LABELS } from "@/lib/labels";
import Link from "next/link";
import { unreadCount } from "@/lib/notifications/inbox";
import { NavLinks } from "../_components/nav-links";
import { SignOutButton } from "../_components/sign-out-button";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  // pages check the session themselves and send someone who must set up a second factor there first
  const user = await requirePageUser(undefined, { allowMfaEnrollment: true });
  const unread = await unreadCount(user.id);
  return (
    <div className="shell">
      <aside className="sidebar">
        <div className="brand">Dossier</div>
        <NavLinks items={navigationFor(user)} />
        {unread > 0 && (
          <Link href="/inbox" className="badge" data-testid="unread-badge" aria-label={`${unread} unread notifications`}>
            {unread} unread
          </Link>
        )}
        <div className="who" data-testid="current-user">
          <div>{user.name}</div>
          <div>{user.email}</div>
          <div data-testid="current-role">{ROLE_LABELS[user.role]}</div>
          <p>
            <Link href="/account/security">Sign-in security</Link>
          </p>
          <p>
            <SignOutButton />
          </p>
        </div>
      </aside>
      <main className="content">{children}</main>
    </div>
  );
}
