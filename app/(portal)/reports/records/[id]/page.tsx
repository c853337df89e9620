import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getRecord, type RecordMeta } from "@/lib/dossier/records";

export const metadata: Metadata = { title: "Dossier record" };

type Params = Promise<{ id: string }>;

export default async function RecordPage({ params }: { params: Params }) {
  const { id } = await params;
  const user = await requirePageUser(`/reports/records/${id}`);
  let record: RecordMeta;
  try {
    record = await getRecord({ actor: user, id });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const p = record.parameters;
  return (
    <>
      <h1>{record.kind === "MODEL_DOSSIER" ? `Dossier of ${record.model?.name ?? p.modelKey}` : "Inventory audit report"}</h1>
      <p className="notice" data-testid="record-statement">
        {record.statement}
      </p>
      <section className="card">
        <dl className="facts">
          <dt>Record</dt>
          <dd>{record.id}</dd>
          <dt>Issued</dt>
          <dd>{record.generatedAt.replace("T", " ").slice(0, 19)} UTC</dd>
          <dt>Issued to</dt>
          <dd>{record.generatedBy ? `${record.generatedBy.name} <${record.generatedBy.email}> (${record.generatedBy.role})` : "—"}</dd>
          {record.model && (
            <>
              <dt>Model</dt>
              <dd>
                <Link href={`/models/${record.model.key}`}>{record.model.key}</Link>
              </dd>
            </>
          )}
          {p.filters && (
            <>
              <dt>Filters</dt>
              <dd>{Object.keys(p.filters).length ? JSON.stringify(p.filters) : "none"}</dd>
            </>
          )}
          <dt>File</dt>
          <dd>
            {record.fileName} ({record.mediaType}, {record.byteSize.toLocaleString("en")} bytes)
          </dd>
          <dt>SHA-256 of the file</dt>
          <dd>
            <code data-testid="record-sha256">{record.sha256}</code>
          </dd>
          <dt>Content SHA-256 (printed on the cover)</dt>
          <dd>
            <code>{p.contentSha256}</code>
          </dd>
          <dt>Completeness at generation</dt>
          <dd>
            {record.completeness === null ? "—" : record.kind === "MODEL_DOSSIER" ? `${record.completeness.toFixed(1)} / 100` : `${record.completeness.toFixed(1)} % of production models documented`}
          </dd>
          {p.includesAuditLog && (
            <>
              <dt>Contains</dt>
              <dd>an audit-log excerpt (shown only to readers of this model&apos;s audit log)</dd>
            </>
          )}
        </dl>
      </section>
      <p>
        <a className="button" href={`/api/v1/dossiers/${record.id}/content`} download={record.fileName}>
          Download again
        </a>{" "}
        <Link className="button secondary" href="/reports/verify">
          Verify a copy
        </Link>
      </p>
    </>
  );
}
