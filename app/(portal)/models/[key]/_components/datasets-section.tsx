import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import type { ModelDetail } from "@/lib/models/detail";

export function DatasetsSection({ versions }: { versions: ModelDetail["versions"] }) {
  const active = versions.find((v) => v.active) ?? null;
  return (
    <section className="card" id="datasets">
      <h2 style={{ marginTop: 0 }}>Datasets of the active version</h2>
      {!active || active.datasets.length === 0 ? (
        <p>
          <em>Not documented</em>
        </p>
      ) : (
        <DataTable headers={["Purpose", "Dataset", "Provenance", "Bias examination (Art. 10(2)(f)-(g))"]}>
          {active.datasets.map((l) => (
            <tr key={`${l.datasetId}-${l.purpose}`}>
              <td>{l.purpose.toLowerCase().replace("_", " ")}</td>
              <td>
                <Link href={`/datasets/${l.dataset.id}`}>{l.dataset.name}</Link> <span className="muted">v{l.dataset.version}</span>
              </td>
              <td>{l.dataset.provenance ?? <span className="badge undocumented">missing</span>}</td>
              <td>{l.dataset.knownBiases ? `${l.dataset.knownBiases} Mitigation: ${l.dataset.biasMitigations ?? "—"}` : <span className="badge undocumented">missing</span>}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
