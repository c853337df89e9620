import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API docs" };

type Operation = { summary?: string; description?: string; "x-scope"?: string; responses?: Record<string, { description?: string }> };
const METHODS = ["get", "put", "post", "patch", "delete"] as const;

export default async function ApiDocsPage() {
  await requirePageUser("/api-docs");
  const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method] as Operation | undefined;
      return op ? [{ path, method, op }] : [];
    }),
  );
  return (
    <>
      <h1>Public API v1</h1>
      <div className="card">
        <p>
          For ML pipelines. Authenticate with <code>Authorization: Bearer dsr_…</code> (create a token under <a href="/admin/tokens">API tokens</a> or with <code>npm run token:create</code>). JSON in
          and out; errors are RFC 9457 <code>application/problem+json</code> with field errors on 422. POSTs accept an <code>Idempotency-Key</code> header. Rate limit: per token and minute (default
          600).
        </p>
        <p>
          Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1, generated from the same zod schemas the server validates with).
        </p>
        <pre style={{ whiteSpace: "pre-wrap" }}>{`curl -X PUT "$DOSSIER/api/v1/models/fraud-detector" \\
  -H "Authorization: Bearer $DOSSIER_TOKEN" -H "Content-Type: application/json" \\
  -d '{"name": "Fraud detector", "lifecycle": "DEVELOPMENT"}'

curl -X POST "$DOSSIER/api/v1/models/fraud-detector/monitoring-checks" \\
  -H "Authorization: Bearer $DOSSIER_TOKEN" -H "Content-Type: application/json" \\
  -H "Idempotency-Key: run-2026-11-29-01" \\
  -d '{"metrics": [{"feature": "amount", "metric": "psi", "value": 0.31}]}'`}</pre>
      </div>
      <DataTable testId="api-operations" headers={["Method", "Path", "Scope", "What it does", "Answers"]}>
        {operations.map(({ path, method, op }) => (
          <tr key={`${method} ${path}`}>
            <td>
              <code>{method.toUpperCase()}</code>
            </td>
            <td>
              <code>{path}</code>
            </td>
            <td>{op["x-scope"] ?? "—"}</td>
            <td>
              {op.summary}
              {op.description && <div className="muted">{op.description}</div>}
            </td>
            <td>{Object.keys(op.responses ?? {}).join(", ")}</td>
          </tr>
        ))}
      </DataTable>
      <h2>Schemas</h2>
      {Object.entries(doc.components.schemas).map(([name, schema]) => (
        <details key={name} className="card">
          <summary>
            <strong>{name}</strong>
          </summary>
          <pre style={{ whiteSpace: "pre-wrap", fontSize: "0.8rem" }}>{JSON.stringify(schema, null, 2)}</pre>
        </details>
      ))}
    </>
  );
}
