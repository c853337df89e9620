"use client";
// Sends the file to POST /api/v1/imports with the session cookie (the same endpoint pipelines use), so
// the page and the API can never disagree, and large files avoid server-action body limits.
import { DataTable } from "@/app/_components/data-table";
import { useState, type FormEvent } from "react";

type RowReport = { ref: string; entity: string; key: string; outcome: string; changes: string[]; reasons: string[] };
type Report = { format: string; dryRun: boolean; summary: Record<string, number>; rows: RowReport[]; warnings: string[] };
type Problem = { title: string; detail: string; errors?: Record<string, string[]> };

export function ImportForm() {
  const [format, setFormat] = useState("csv");
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body = new FormData();
    body.set("format", format);
    if (format === "mlflow") {
      const models = data.get("registeredModels");
      const versions = data.get("modelVersions");
      if (models instanceof File && models.size) body.set("registeredModels", models);
      if (versions instanceof File && versions.size) body.set("modelVersions", versions);
    } else {
      const file = data.get("file");
      if (file instanceof File && file.size) body.set("file", file);
    }
    setBusy(true);
    setProblem(null);
    setReport(null);
    try {
      const res = await fetch(`/api/v1/imports?format=${format}&dryRun=${dryRun}`, { method: "POST", body });
      const payload = (await res.json()) as Report | Problem;
      if (res.ok) setReport(payload as Report);
      else setProblem(payload as Problem);
    } catch {
      setProblem({ title: "Network error", detail: "The import could not be sent; nothing was imported." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={submit} data-testid="import-form">
        <fieldset>
          <legend>Format</legend>
          {[
            ["csv", "CSV (template columns)"],
            ["mlflow", "MLflow registry export"],
            ["inventory", "Dossier inventory JSON"],
          ].map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="format" value={value} checked={format === value} onChange={() => setFormat(value!)} /> {label}
            </label>
          ))}
        </fieldset>
        {format === "mlflow" ? (
          <>
            <label>
              registered-models/search JSON <input type="file" name="registeredModels" accept=".json,application/json" required />
            </label>
            <label>
              model-versions/search JSON (optional) <input type="file" name="modelVersions" accept=".json,application/json" />
            </label>
          </>
        ) : (
          <label>
            File <input type="file" name="file" accept={format === "csv" ? ".csv,text/csv" : ".json,application/json"} required />
          </label>
        )}
        <label>
          <input type="checkbox" name="dryRun" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run (report only, write nothing)
        </label>
        <button type="submit" disabled={busy}>
          {busy ? "Importing…" : dryRun ? "Check the file" : "Import"}
        </button>
      </form>
      {problem && (
        <div className="error" data-testid="import-problem">
          <strong>{problem.title}</strong>: {problem.detail}
          {problem.errors && (
            <ul>
              {Object.entries(problem.errors).map(([field, messages]) => (
                <li key={field}>
                  {field}: {messages.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {report && (
        <section data-testid="import-report">
          <h2>{report.dryRun ? "Dry run: nothing was written" : "Imported"}</h2>
          <p data-testid="import-summary">
            {report.summary.created} created · {report.summary.updated} updated · {report.summary.unchanged} unchanged · {report.summary.rejected} rejected
          </p>
          {report.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          <DataTable className="" headers={["Row", "Key", "Outcome", "Details"]}>
            {report.rows.map((r) => (
              <tr key={`${r.entity}:${r.ref}`} data-testid="import-row" data-outcome={r.outcome}>
                <td>{r.ref}</td>
                <td>{r.key}</td>
                <td>{r.outcome}</td>
                <td>{r.outcome === "rejected" ? r.reasons.join(" ") : r.changes.join(", ")}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </>
  );
}
