"use client";

import Link from "next/link";

/** The last-resort error page: says what happened and offers a way on (never a dead end). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="auth-page">
      <h1>Something went wrong</h1>
      <p>The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Your data is unchanged.</p>
      <p style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap", alignItems: "center" }}>
        <button onClick={reset}>Try again</button>
        <Link href="/">Your home page</Link>
        <Link href="/models">The inventory</Link>
        <Link href="/inbox">Your inbox</Link>
      </p>
    </main>
  );
}
