import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { inventoryFiltersSchema, normalizeFilters } from "@/lib/dossier/get-inventory-report-data";
import { listRecords } from "@/lib/dossier/records";
import { RISK_CLASS_LABELS } from "@/lib/labels";
import { listBusinessUnits, productionCounts } from "@/lib/models/queries";
import { RiskClass } from "@/lib/generated/prisma/enums";
import { FilterSelect } from "@/app/_components/field";
import { GenerateDocumentButton } from "./_components/generate-document-button";
import { RecordsTable } from "./_components/records-table";

export const metadata: Metadata = { title: "Reports" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("/reports");
  const raw = await searchParams;
  const parsed = inventoryFiltersSchema.safeParse({ businessUnit: first(raw.businessUnit), riskClass: first(raw.riskClass), undocumentedOnly: first(raw.undocumentedOnly) });
  const filters = normalizeFilters(parsed.success ? parsed.data : {});
  const [units, records, { production, undocumented }] = await Promise.all([listBusinessUnits(), listRecords({ actor: user, limit: 25 }), productionCounts()]);
  return (
    <>
      <h1>Reports</h1>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Inventory audit report</h2>
        <p className="muted">
          Every production model with its documentation verdict, risk class and monitoring health, then one entry per undocumented model with its owners and missing items. Today: {production}{" "}
          production models, {undocumented} undocumented (stored verdicts; the report re-evaluates every model when it is generated).
        </p>
        <form className="filters" method="get" data-testid="report-filters">
          <FilterSelect label="Business unit" name="businessUnit" defaultValue={filters.businessUnit ?? ""} emptyLabel="All" options={units.map((u) => [u.name, u.name])} />
          <FilterSelect label="Risk class" name="riskClass" defaultValue={filters.riskClass ?? ""} emptyLabel="All" options={Object.values(RiskClass).map((c) => [c, RISK_CLASS_LABELS[c]])} />
          <label style={{ display: "flex", gap: "0.4rem", alignItems: "center" }}>
            <input type="checkbox" name="undocumentedOnly" value="true" defaultChecked={filters.undocumentedOnly ?? false} /> Undocumented only
          </label>
          <button type="submit" className="secondary">
            Apply filters
          </button>
        </form>
        <div style={{ display: "grid", gap: "0.6rem" }}>
          <GenerateDocumentButton testId="inventory-pdf" label="Inventory report (PDF)" request={{ kind: "INVENTORY_REPORT", format: "pdf", filters }} />
          <GenerateDocumentButton testId="inventory-csv" label="Model table (CSV)" request={{ kind: "INVENTORY_REPORT", format: "csv", filters }} />
          <GenerateDocumentButton testId="inventory-json" label="Report data (JSON)" request={{ kind: "INVENTORY_REPORT", format: "json", filters }} />
        </div>
        <p className="muted">
          API: <code>GET /api/v1/reports/inventory?format=pdf|csv|json</code> with <code>businessUnit</code>, <code>riskClass</code>, <code>undocumentedOnly</code>. Model dossiers: the model page, or{" "}
          <code>GET /api/v1/models/&#123;key&#125;/dossier</code>.
        </p>
      </section>
      <h2>Issued documents</h2>
      <p className="muted">
        Every document Dossier generates is kept, byte for byte, with who asked for it and its SHA-256. <Link href="/reports/verify">Verify a copy</Link>.
      </p>
      <RecordsTable records={records} />
    </>
  );
}
