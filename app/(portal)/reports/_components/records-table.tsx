// The issued documents a reader may see, newest first (server component).
import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import type { RecordMeta } from "@/lib/dossier/records";

const what = (r: RecordMeta) => {
  if (r.kind === "MODEL_DOSSIER") return r.model ? `Dossier of ${r.model.key}` : `Dossier of ${r.parameters.modelKey ?? "a deleted model"}`;
  const f = r.parameters.filters ?? {};
  const parts = Object.entries(f).map(([k, v]) => `${k}=${String(v)}`);
  return `Inventory report${parts.length ? ` (${parts.join(", ")})` : ""}`;
};

export function RecordsTable({ records }: { records: RecordMeta[] }) {
  if (records.length === 0) return <p className="card muted">No document has been issued yet.</p>;
  return (
    <DataTable testId="records-table" headers={["Issued", "Document", "Format", "By", "Completeness", "SHA-256", ""]}>
      {records.map((r) => (
        <tr key={r.id}>
          <td>{r.generatedAt.slice(0, 16).replace("T", " ")} UTC</td>
          <td>
            <Link href={`/reports/records/${r.id}`}>{what(r)}</Link>
          </td>
          <td>{r.parameters.format.toUpperCase()}</td>
          <td>{r.generatedBy?.name ?? "—"}</td>
          <td>{r.completeness === null ? "—" : r.kind === "MODEL_DOSSIER" ? `${r.completeness.toFixed(1)} / 100` : `${r.completeness.toFixed(1)} % documented`}</td>
          <td>
            <code>{r.sha256.slice(0, 12)}…</code>
          </td>
          <td>
            <a href={`/api/v1/dossiers/${r.id}/content`} download={r.fileName}>
              Download
            </a>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
