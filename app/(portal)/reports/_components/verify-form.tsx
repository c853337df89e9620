"use client";

// Upload a copy of a document; the server hashes it and says whether Dossier issued exactly this file.
import Link from "next/link";
import { useState, type FormEvent } from "react";

type Verdict = { sha256: string; verified: boolean; statement: string; records: Array<{ id: string }> };

export function VerifyForm() {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setVerdict(null);
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError("Choose the file to verify.");
      return;
    }
    setBusy(true);
    try {
      const response = await fetch("/api/v1/dossiers/verify", { method: "POST", body: form });
      const body = (await response.json()) as Verdict & { detail?: string };
      if (!response.ok) setError(body.detail ?? `The server answered ${response.status}.`);
      else setVerdict(body);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} data-testid="verify-form">
      <label>
        File to verify (PDF, CSV or JSON issued by Dossier)
        <input type="file" name="file" />
      </label>
      <div>
        <button type="submit" disabled={busy}>
          {busy ? "Checking…" : "Verify"}
        </button>
      </div>
      {error && <p className="form-error">{error}</p>}
      {verdict && (
        <div className={verdict.verified ? "notice" : "form-error"} data-testid="verify-result">
          <p>
            <strong>{verdict.verified ? "Verified." : "Not verified."}</strong> {verdict.statement}
          </p>
          <p className="muted">SHA-256 of the file: {verdict.sha256}</p>
          {verdict.records.map((r) => (
            <p key={r.id}>
              <Link href={`/reports/records/${r.id}`}>Open record {r.id}</Link>
            </p>
          ))}
        </div>
      )}
    </form>
  );
}
