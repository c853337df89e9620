import Link from "next/link";
import { fixHref } from "@/lib/models/fix-href";
import type { ModelDetail } from "@/lib/models/detail";

/** "What is missing": the engine's open items, each linking to the form that fixes it, and its findings. */
export function MissingSection({ detail: { model, result, versions } }: { detail: ModelDetail }) {
  const open = result.items.filter((i) => i.status !== "complete");
  const active = versions.find((v) => v.active) ?? null;
  const filled = (v: string | null) => !!v?.trim();
  const activeLinks = active?.datasets.filter((l) => l.purpose !== "MONITORING_REFERENCE") ?? [];
  const fixContext = {
    hasVersion: versions.length > 0,
    datasetLacking: {
      provenance: activeLinks.find((l) => !filled(l.dataset.source) || !filled(l.dataset.provenance) || !filled(l.dataset.collectionMethod))?.dataset.id,
      biasExamination: activeLinks.find((l) => !filled(l.dataset.knownBiases) || !filled(l.dataset.biasMitigations))?.dataset.id,
    },
  };
  return (
    <section className="card" style={{ marginTop: "1rem" }} data-testid="missing-panel">
      <h2 style={{ marginTop: 0 }}>
        What is missing <span className="muted">— completeness {result.score} / 100</span>
      </h2>
      {open.length === 0 ? (
        <p data-testid="nothing-missing">Nothing: every applicable requirement is complete.</p>
      ) : (
        <ul>
          {open.map((item) => (
            <li key={item.id} data-testid="missing-item" data-item={item.id}>
              <strong>
                {/* a same-page form: a plain link, so the browser's hashchange opens it (OpenFromHash) */}
                {fixHref(model.key, item, fixContext).startsWith(`/models/${model.key}#`) ? (
                  <a href={fixHref(model.key, item, fixContext)}>{item.title}</a>
                ) : (
                  <Link href={fixHref(model.key, item, fixContext)}>{item.title}</Link>
                )}
              </strong>{" "}
              <span className="muted">({item.article})</span> — <span className={`badge ${item.status === "stale" ? "STALE" : "undocumented"}`}>{item.status}</span>{" "}
              {item.mandatory ? "" : <span className="badge">recommended</span>}
              <div className="muted">
                {item.reason} Fix: {item.fix}
              </div>
            </li>
          ))}
        </ul>
      )}
      {result.findings.length > 0 && (
        <>
          <h3>Findings</h3>
          <ul>
            {result.findings.map((f) => (
              <li key={f.id} data-testid="finding">
                <span className={`badge ${f.severity === "CRITICAL" ? "CRITICAL" : f.severity === "WARNING" ? "WARNING" : ""}`}>{f.severity}</span> {f.reason}{" "}
                <span className="muted">
                  ({f.article}) {f.fix}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
