"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";

export function SsoButton({ name, callbackUrl }: { name: string; callbackUrl?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl: callbackUrl ?? "/dashboard" });
      }}
    >
      Sign in with {name}
    </button>
  );
}
