import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { LIFECYCLE_LABELS, RISK_CLASS_LABELS } from "@/lib/labels";
import { inventoryQuerySchema, listBusinessUnits, listModels } from "@/lib/models/queries";
import { Lifecycle, RiskClass } from "@/lib/generated/prisma/enums";

export const metadata: Metadata = { title: "Inventory" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("/models");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const query = inventoryQuerySchema.parse(raw);
  const [page, units] = await Promise.all([listModels({ actor: user, query }), listBusinessUnits()]);
  const filterParams = new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== "cursor" && v !== undefined).map(([k, v]) => [k, String(v)]));
  const nextHref = page.nextCursor ? `/models?${new URLSearchParams([...filterParams, ["cursor", page.nextCursor]])}` : null;

  return (
    <>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h1>Model inventory</h1>
        {can(user, "model.create") && (
          <Link className="button" href="/models/new">
            Register a model
          </Link>
        )}
      </div>
      <form className="filters" method="get" action="/models">
        <label>
          Search
          <input name="q" defaultValue={query.q} placeholder="name, key or purpose" />
        </label>
        <label>
          Risk class
          <select name="riskClass" defaultValue={query.riskClass ?? ""}>
            <option value="">Any</option>
            {Object.values(RiskClass).map((r) => (
              <option key={r} value={r}>
                {RISK_CLASS_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Lifecycle
          <select name="lifecycle" defaultValue={query.lifecycle ?? ""}>
            <option value="">Any</option>
            {Object.values(Lifecycle).map((l) => (
              <option key={l} value={l}>
                {LIFECYCLE_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Business unit
          <select name="businessUnit" defaultValue={query.businessUnit ?? ""}>
            <option value="">Any</option>
            {units.map((u) => (
              <option key={u.name} value={u.name}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner email
          <input name="owner" defaultValue={query.owner} />
        </label>
        <button type="submit">Filter</button>
        <Link href="/models" className="button secondary">
          Clear
        </Link>
      </form>
      <p className="muted" data-testid="inventory-total">
        {page.total} models match.
      </p>
      {page.items.length === 0 ? (
        <div className="card">No models match these filters.</div>
      ) : (
        <table className="data" data-testid="inventory-table">
          <thead>
            <tr>
              <th>Model</th>
              <th>Business unit</th>
              <th>Risk class</th>
              <th>Lifecycle</th>
              <th>Business owner</th>
              <th>Technical owner</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link href={`/models/${m.key}`}>{m.name}</Link>
                  <div className="muted">{m.key}</div>
                </td>
                <td>{m.businessUnit?.name ?? "—"}</td>
                <td>
                  <span className={`badge ${m.riskClass}`}>{RISK_CLASS_LABELS[m.riskClass]}</span>
                </td>
                <td>{LIFECYCLE_LABELS[m.lifecycle]}</td>
                <td>{m.businessOwner?.name ?? <span className="badge undocumented">none</span>}</td>
                <td>{m.technicalOwner?.name ?? <span className="badge undocumented">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        {query.cursor && <Link href={`/models?${filterParams}`}>First page</Link>}
        {nextHref && <Link href={nextHref}>Next page</Link>}
      </div>
    </>
  );
}
