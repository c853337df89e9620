"use client";

import Link from "next/link";

/** The ways on from an error page: try again, or go somewhere that works. Shared by the root and portal error pages. */
export function ErrorWaysOn({ reset }: { reset: () => void }) {
  return (
    <p style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap", alignItems: "center" }}>
      <button onClick={reset}>Try again</button>
      <Link href="/">Your home page</Link>
      <Link href="/models">The inventory</Link>
      <Link href="/inbox">Your inbox</Link>
    </p>
  );
}
