"use client";

import { ErrorWaysOn } from "@/app/_components/error-ways-on";
import { useEffect, useState } from "react";

/**
 * Every page's last resort. The server's message never reaches the browser (Next.js keeps only a
 * digest), so to tell a database outage from a bug this page asks /api/health, which answers 503 when
 * the database cannot be reached.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [databaseDown, setDatabaseDown] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/health", { cache: "no-store", signal: controller.signal })
      .then((r) => setDatabaseDown(r.status === 503))
      .catch(() => undefined);
    return () => controller.abort();
  }, [error]);

  if (databaseDown) {
    return (
      <main className="auth-page" data-testid="unavailable">
        <h1>Dossier is unavailable right now</h1>
        <p>The database is not answering. Nothing you saved is lost; this page works again as soon as the database is back.</p>
        <button onClick={reset}>Try again</button>
      </main>
    );
  }
  return (
    <main className="auth-page">
      <h1>Something went wrong</h1>
      <p>The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Your data is unchanged.</p>
      <ErrorWaysOn reset={reset} />
    </main>
  );
}
