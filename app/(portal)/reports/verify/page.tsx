import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { verifyDocument } from "@/lib/dossier/records";
import { VerifyForm } from "../_components/verify-form";

export const metadata: Metadata = { title: "Verify a document" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function VerifyPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("/reports/verify");
  const raw = (await searchParams).sha256;
  const sha256 = Array.isArray(raw) ? raw[0] : raw;
  let result: Awaited<ReturnType<typeof verifyDocument>> | null = null;
  let error: string | null = null;
  if (sha256) {
    try {
      result = await verifyDocument({ actor: user, sha256 });
    } catch (e) {
      if (!isAppError(e)) throw e;
      error = e.message;
    }
  }
  return (
    <>
      <h1>Verify a document</h1>
      <p className="muted">
        Dossier keeps every document it issues with its SHA-256. A copy whose hash matches a record is exactly the file Dossier issued; a changed byte changes the hash. The &quot;content SHA-256&quot;
        printed on a cover is the hash of the document&apos;s data, not of the file (a file cannot contain its own hash).
      </p>
      <section className="card">
        <VerifyForm />
      </section>
      <section className="card">
        <form method="get" className="filters">
          <label>
            …or a SHA-256
            <input name="sha256" defaultValue={sha256 ?? ""} size={70} />
          </label>
          <button type="submit" className="secondary">
            Look up
          </button>
        </form>
        {error && <p className="form-error">{error}</p>}
        {result && (
          <div className={result.verified ? "notice" : "form-error"} data-testid="verify-hash-result">
            <strong>{result.verified ? "Verified." : "Not verified."}</strong> {result.statement}
            {result.records.map((r) => (
              <p key={r.id}>
                <Link href={`/reports/records/${r.id}`}>Open record {r.id}</Link>
              </p>
            ))}
          </div>
        )}
      </section>
    </>
  );
}
