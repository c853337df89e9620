"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="auth-page">
      <h1>Something went wrong</h1>
      <p>The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Your data is unchanged.</p>
      <button onClick={reset}>Try again</button>
    </main>
  );
}
