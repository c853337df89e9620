"use client";

import { ErrorWaysOn } from "@/app/_components/error-ways-on";

/** Errors inside the portal keep the navigation around them, and offer the usual ways on. */
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="card" data-testid="error-page">
      <h1>Something went wrong</h1>
      <p>
        The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Your data is unchanged; anything you had typed into a form that was not saved is still in that form when you go back.
      </p>
      <ErrorWaysOn reset={reset} />
    </section>
  );
}
