import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { CSV_COLUMNS } from "@/lib/imports/csv";
import { ImportForm } from "./_components/import-form";

export const metadata: Metadata = { title: "Import" };

export default async function ImportsPage() {
  const user = await requirePageUser("/imports");
  if (!can(user, "model.create")) forbidden();
  return (
    <>
      <h1>Import models</h1>
      <p>
        Bring models in from a spreadsheet, your MLflow model registry, or a Dossier inventory export. Run a dry run first: it shows, row by row, what would be created, updated, left unchanged or
        rejected, and writes nothing. New models start unclassified.
      </p>
      <p>
        <a href="/api/v1/imports/template" download data-testid="template-link">
          Download the CSV template
        </a>
        {" · "}
        <a href="/api/v1/exports/inventory" download data-testid="export-link">
          Download the whole inventory (JSON)
        </a>
      </p>
      <div className="card">
        <ImportForm />
      </div>
      <details>
        <summary>CSV columns</summary>
        <table>
          <tbody>
            {CSV_COLUMNS.map((c) => (
              <tr key={c.name}>
                <td>
                  <code>{c.name}</code>
                </td>
                <td>{c.help}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
