import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { datasetQuerySchema, listDatasets } from "@/lib/datasets/datasets";
import { firstValues } from "@/lib/search-params";

export const metadata: Metadata = { title: "Datasets" };

export default async function DatasetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("/datasets");
  const raw = await firstValues(searchParams);
  const query = datasetQuerySchema.parse(raw);
  const { items, total, page, pages } = await listDatasets({ actor: user, query });
  const href = (p: number) => `/datasets?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(p) })}`;
  return (
    <>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h1>Datasets</h1>
        {can(user, "dataset.create") && (
          <Link className="button" href="/datasets/new">
            Add a dataset
          </Link>
        )}
      </div>
      <form className="filters" method="get">
        <label>
          Search
          <input name="q" defaultValue={query.q} placeholder="name, key, source" />
        </label>
        <button type="submit">Search</button>
      </form>
      <p className="muted" data-testid="datasets-total">
        {total} datasets.
      </p>
      {items.length === 0 ? (
        <p className="card">No dataset matches.</p>
      ) : (
        <DataTable headers={["Dataset", "Version", "Source", "Personal data", "Datasheet", "Used by", "Owner"]}>
          {items.map((d) => (
            <tr key={d.id}>
              <td>
                <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                <div className="muted">{d.key}</div>
              </td>
              <td>{d.version}</td>
              <td>{d.source ?? <span className="badge undocumented">unknown</span>}</td>
              <td>{d.specialCategoryData ? "special category" : d.personalData ? "yes" : "no"}</td>
              <td>{d.provenance && d.knownBiases && d.biasMitigations ? <span className="badge documented">complete</span> : <span className="badge undocumented">gaps</span>}</td>
              <td>{d._count.usedBy} links</td>
              <td>{d.owner?.name ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="pager">
        {page > 1 && <Link href={href(page - 1)}>Previous page</Link>}
        <span className="muted">
          Page {page} of {pages}
        </span>
        {page < pages && <Link href={href(page + 1)}>Next page</Link>}
      </div>
    </>
  );
}
