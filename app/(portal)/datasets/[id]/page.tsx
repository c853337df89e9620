import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { getDataset } from "@/lib/datasets/datasets";

export const metadata: Metadata = { title: "Dataset" };

export default async function DatasetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/datasets/${id}`);
  const d = await getDataset(id);
  if (!d) notFound();
  const row = (label: string, value: string | null) => (
    <>
      <dt>{label}</dt>
      <dd>{value ?? <em>Not documented</em>}</dd>
    </>
  );
  return (
    <>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h1>
          {d.name} <span className="muted">v{d.version}</span>
        </h1>
        {can(user, "dataset.edit", { kind: "dataset", ownerId: d.ownerId }) && (
          <Link className="button" href={`/datasets/${d.id}/edit`}>
            Edit
          </Link>
        )}
      </div>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Datasheet</h2>
        <dl className="facts">
          {row("Key", d.key)}
          {row("Description", d.description)}
          {row("Source", d.source)}
          {row("Provenance", d.provenance)}
          {row("Collection period", d.collectionPeriod)}
          {row("Collection method", d.collectionMethod)}
          {row("Preprocessing / labelling / cleaning", d.preprocessing)}
          {row("Size", d.size)}
          {row("Licence", d.licence)}
          {row("Personal data", d.personalData ? "yes" : "no")}
          {row("Special-category data", d.specialCategoryData ? "yes" : "no")}
          {row("Known biases (Art. 10(2)(f))", d.knownBiases)}
          {row("Mitigations (Art. 10(2)(g))", d.biasMitigations)}
          {row("Owner", d.owner ? `${d.owner.name} <${d.owner.email}>` : null)}
        </dl>
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Used by</h2>
        {d.usedBy.length === 0 ? (
          <p className="muted">No model version uses this dataset.</p>
        ) : (
          <DataTable headers={["Model", "Version", "Purpose"]}>
            {d.usedBy.map((u) => (
              <tr key={`${u.versionId}-${u.purpose}`}>
                <td>
                  <Link href={`/models/${u.version.model.key}`}>{u.version.model.name}</Link>
                </td>
                <td>
                  {u.version.version} {u.version.active && <span className="badge HEALTHY">active</span>}
                </td>
                <td>{u.purpose.toLowerCase().replace("_", " ")}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </>
  );
}
