"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      className="secondary"
      type="button"
      onClick={async () => {
        await signOut({ redirect: false });
        // a full page load, not a client-side push: nothing of the signed-in session stays in the client's router cache
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/signin");
      }}
    >
      Sign out
    </button>
  );
}
