import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="auth-page">
      <h1>403 — Not allowed</h1>
      <p data-testid="forbidden">Your role does not allow this page or action. Nothing was changed.</p>
      <p>
        <Link href="/dashboard">Back to the overview</Link>
      </p>
    </main>
  );
}
