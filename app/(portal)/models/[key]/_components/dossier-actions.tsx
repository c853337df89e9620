// The model page's dossier buttons: <DossierActions modelKey="…" />. Every signed-in role may download
// a model's dossier; whether it contains the audit-log excerpt is decided on the server.
import Link from "next/link";
import { GenerateDocumentButton } from "../../../reports/_components/generate-document-button";

export function DossierActions({ modelKey }: { modelKey: string }) {
  return (
    <section className="card" data-testid="dossier-actions">
      <h2 style={{ marginTop: 0 }}>Dossier</h2>
      <p className="muted">The Annex IV technical documentation of this model as an audit-ready PDF, with every gap listed. Each download is recorded and can be verified later.</p>
      <div style={{ display: "grid", gap: "0.6rem" }}>
        <GenerateDocumentButton testId="dossier-pdf" label="Download dossier (PDF)" request={{ kind: "MODEL_DOSSIER", modelKey, format: "pdf" }} />
        <GenerateDocumentButton testId="dossier-json" label="Dossier data (JSON)" request={{ kind: "MODEL_DOSSIER", modelKey, format: "json" }} />
      </div>
      <p className="muted">
        <Link href="/reports">Reports and issued documents</Link>
      </p>
    </section>
  );
}
