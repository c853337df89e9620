import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { LIFECYCLE_LABELS, RISK_CLASS_LABELS } from "@/lib/labels";
import { MONITORING_LABELS, requirementTitle } from "@/lib/compliance-labels";
import { inventoryQuerySchema, listBusinessUnits, listModels, type InventoryQuery } from "@/lib/models/queries";
import { Lifecycle, MonitoringStatus, RiskClass } from "@/lib/generated/prisma/enums";
import { firstValues } from "@/lib/search-params";
import { BULK_LIMIT } from "@/lib/follow-up/schemas";
import { FilterSelect } from "@/app/_components/field";
import { BulkFollowUp } from "./_components/bulk-follow-up";
import { BULK_FORM_ID } from "./_components/bulk-form-id";

export const metadata: Metadata = { title: "Inventory" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The URL holds the whole state: links are shareable and the back button works. */
function hrefWith(query: InventoryQuery, change: Partial<Record<keyof InventoryQuery, string | undefined>>) {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...query, cursor: undefined, ...change };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `/models?${s}` : "/models";
}

/** A filter's choices with how many models each would show. */
function counted<T extends string>(values: Record<string, T>, labels: Record<T, string>, counts: Partial<Record<T, number>>) {
  return Object.values(values).map((v) => [v, `${labels[v]} (${counts[v] ?? 0})`] as const);
}

export default async function InventoryPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("/models");
  const raw = await firstValues(searchParams);
  const query = inventoryQuerySchema.parse(raw);
  const [page, units] = await Promise.all([listModels({ actor: user, query, withFacets: true }), listBusinessUnits()]);
  const facets = page.facets!;
  const canBulk = can(user, "models.bulkFollowUp");
  // the filters only (not the page position): "all N matching" means every page of this filter
  const filter = Object.fromEntries(Object.entries({ ...query, cursor: undefined, sort: undefined, limit: undefined }).flatMap(([k, x]) => (x === undefined || x === "" ? [] : [[k, String(x)]])));

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
        <FilterSelect label="Risk class" name="riskClass" defaultValue={query.riskClass ?? ""} emptyLabel="Any" options={counted(RiskClass, RISK_CLASS_LABELS, facets.riskClass)} />
        <FilterSelect label="Lifecycle" name="lifecycle" defaultValue={query.lifecycle ?? ""} emptyLabel="Any" options={counted(Lifecycle, LIFECYCLE_LABELS, facets.lifecycle)} />
        <label>
          Documentation
          <select name="documented" defaultValue={query.documented ?? ""}>
            <option value="">Any</option>
            <option value="no">Undocumented ({facets.undocumented})</option>
            <option value="yes">Documented</option>
          </select>
        </label>
        <FilterSelect
          label="Monitoring"
          name="monitoringStatus"
          defaultValue={query.monitoringStatus ?? ""}
          emptyLabel="Any"
          options={counted(MonitoringStatus, MONITORING_LABELS, facets.monitoringStatus)}
        />
        <FilterSelect label="Business unit" name="businessUnit" defaultValue={query.businessUnit ?? ""} emptyLabel="Any" options={units.map((u) => [u.name, u.name])} />
        <label>
          Owner (name or e-mail, or part of one)
          <input name="owner" defaultValue={query.owner} />
        </label>
        <label style={{ flexDirection: "row", display: "flex", gap: "0.3rem", alignItems: "center" }}>
          <input type="checkbox" name="reviewOverdue" value="1" defaultChecked={query.reviewOverdue === "1"} />
          Review overdue
        </label>
        <label>
          Sort
          <select name="sort" defaultValue={query.sort ?? "name"}>
            <option value="name">Name</option>
            <option value="score">Completeness (lowest first)</option>
            <option value="updated">Recently changed</option>
          </select>
        </label>
        <button type="submit">Filter</button>
        <Link href="/models" className="button secondary">
          Clear
        </Link>
      </form>
      <p className="muted" data-testid="inventory-total">
        {page.total} models match.
      </p>
      {canBulk && page.total > 0 && <BulkFollowUp filter={filter} total={page.total} limit={BULK_LIMIT} />}
      {page.items.length === 0 ? (
        <div className="card" data-testid="inventory-empty">
          No models match these filters. <Link href="/models">Show all models</Link>
        </div>
      ) : (
        <DataTable testId="inventory-table" headers={[canBulk && "Select", "Model", "Risk class", "Lifecycle", "Owners", "Completeness", "Monitoring", "What is missing"]}>
          {page.items.map((m) => (
            <tr key={m.id} data-testid="inventory-row" data-key={m.key}>
              {canBulk && (
                <td>
                  <input type="checkbox" name="key" value={m.key} form={BULK_FORM_ID} aria-label={`Select ${m.name}`} />
                </td>
              )}
              <td>
                <Link href={`/models/${m.key}`}>{m.name}</Link>
                <div className="muted">
                  {m.key} · {m.businessUnit?.name ?? "no business unit"}
                </div>
              </td>
              <td>
                <span className={`badge ${m.riskClass}`}>{RISK_CLASS_LABELS[m.riskClass]}</span>
              </td>
              <td>{LIFECYCLE_LABELS[m.lifecycle]}</td>
              <td>
                <div>{m.businessOwner?.name ?? <span className="badge undocumented">no business owner</span>}</div>
                <div className="muted">{m.technicalOwner?.name ?? <span className="badge undocumented">no technical owner</span>}</div>
              </td>
              <td>
                {m.complianceScore ?? "—"}
                {m.undocumented && (
                  <div>
                    <span className="badge undocumented">undocumented</span>
                  </div>
                )}
              </td>
              <td>
                <span className={`badge ${m.monitoringStatus}`}>{MONITORING_LABELS[m.monitoringStatus]}</span>
              </td>
              <td>
                {m.openItems.length === 0 ? (
                  <span className="muted">nothing</span>
                ) : (
                  <>
                    {m.openItems.slice(0, 2).map((id) => (
                      <div key={id}>{requirementTitle(id)}</div>
                    ))}
                    {m.openItems.length > 2 && <div className="muted">and {m.openItems.length - 2} more</div>}
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="pager">
        {query.cursor && <Link href={hrefWith(query, {})}>First page</Link>}
        {page.nextCursor && <Link href={hrefWith(query, { cursor: page.nextCursor })}>Next page</Link>}
      </div>
    </>
  );
}
