"use client";

import Link from "next/link";

/** Errors inside the portal keep the navigation around them, and offer the usual ways on. */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="card" data-testid="error-page">
      <h1>Something went wrong</h1>
      <p>
        The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Your data is unchanged; anything you had typed into a form that was not saved is still in that form when you go back.
      </p>
      <p style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap", alignItems: "center" }}>
        <button onClick={reset}>Try again</button>
        <Link href="/">Your home page</Link>
        <Link href="/models">The inventory</Link>
        <Link href="/inbox">Your inbox</Link>
      </p>
    </section>
  );
}
