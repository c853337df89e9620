import Link from "next/link";

export default function NotFound() {
  return (
    <main className="auth-page">
      <h1>404 — Not found</h1>
      <p>There is nothing at this address, or it is not yours to see.</p>
      <p>
        <Link href="/models">Go to the inventory</Link>
      </p>
    </main>
  );
}
