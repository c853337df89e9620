"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      className="secondary"
      type="button"
      onClick={async () => {
        await signOut({ redirect: false });
        window.location.assign("/signin");
      }}
    >
      Sign out
    </button>
  );
}
