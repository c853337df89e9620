import { DataTable } from "@/app/_components/data-table";
import type { ModelDetail } from "@/lib/models/detail";
import { BiasCorrection } from "./bias-correction";
import { day } from "./format";

export function BiasSection({ detail: { model, versions, biasChanges }, editable }: { detail: ModelDetail; editable: boolean }) {
  return (
    <section className="card" id="bias">
      <h2 style={{ marginTop: 0 }}>Bias assessments</h2>
      {versions.every((v) => v.biasAssessments.length === 0) ? (
        <p>
          <em>Not documented</em>
        </p>
      ) : (
        versions.flatMap((v) =>
          v.biasAssessments.map((a) => (
            <div key={a.id} style={{ marginBottom: "1rem" }}>
              <p>
                <strong>
                  Version {v.version}, {day(a.assessedAt)}
                </strong>{" "}
                ({a.status.toLowerCase()}){a.assessor ? `, by ${a.assessor.name}` : ""} — {a.methodology}
                {a.withdrawnAt && (
                  <>
                    {" "}
                    <span className="badge undocumented" data-testid="bias-withdrawn">
                      withdrawn {day(a.withdrawnAt)}
                    </span>{" "}
                    <span className="muted">{a.withdrawalReason}</span>
                  </>
                )}
              </p>
              <DataTable headers={["Metric", "Group", "Value", "Threshold", "Result"]}>
                {a.metrics.map((m) => (
                  <tr key={m.id}>
                    <td>{m.metric}</td>
                    <td>{m.group}</td>
                    <td>{m.value}</td>
                    <td>{m.threshold}</td>
                    <td>
                      <span className={`badge ${m.passed ? "HEALTHY" : "CRITICAL"}`}>{m.passed ? "pass" : "fail"}</span>
                    </td>
                  </tr>
                ))}
              </DataTable>
              {a.findings && <p>Findings: {a.findings}</p>}
              {a.mitigations && <p>Mitigations: {a.mitigations}</p>}
              {biasChanges
                .filter((c) => c.entityId === a.id)
                .map((c) => {
                  const before = (c.before ?? {}) as { metrics?: string[]; status?: string; assessedAt?: string };
                  const after = (c.after ?? {}) as { metrics?: string[]; status?: string; assessedAt?: string; reason?: string; withdrawalReason?: string };
                  return (
                    <div key={c.seq.toString()} className="notice" data-testid="bias-change" style={{ marginBottom: "0.5rem" }}>
                      <strong>{c.action === "bias_assessment.correct" ? "Corrected" : "Withdrawn"}</strong> {c.at.toISOString().slice(0, 16).replace("T", " ")} UTC by {c.actor?.name ?? c.actorLabel}:{" "}
                      {after.reason ?? after.withdrawalReason}
                      <div>
                        Before: {before.assessedAt}, {before.status?.toLowerCase()}; {(before.metrics ?? []).join("; ")}
                      </div>
                      {c.action === "bias_assessment.correct" && (
                        <div>
                          After: {after.assessedAt}, {after.status?.toLowerCase()}; {(after.metrics ?? []).join("; ")}
                        </div>
                      )}
                    </div>
                  );
                })}
              {editable && !a.withdrawnAt && <BiasCorrection modelKey={model.key} assessment={a} />}
            </div>
          )),
        )
      )}
    </section>
  );
}
