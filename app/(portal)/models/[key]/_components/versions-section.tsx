import { DataTable } from "@/app/_components/data-table";
import type { ModelDetail } from "@/lib/models/detail";
import { day } from "./format";
import { RecordChanges } from "./record-changes";
import { RecordCorrection } from "./record-correction";
import { versionDetailFields } from "./record-fields";
import { correctVersionAction, withdrawVersionAction } from "./manage-actions";

export function VersionsSection({ detail: { model, versions, recordChanges }, editable }: { detail: ModelDetail; editable: boolean }) {
  const active = versions.find((v) => v.active) ?? null;
  return (
    <section className="card" id="versions">
      <h2 style={{ marginTop: 0 }}>Versions and rollback readiness</h2>
      {versions.length === 0 ? (
        <p>
          <em>Not documented</em>: no version recorded.
        </p>
      ) : (
        <DataTable headers={["Version", "Registry URI", "Stage", "Deployed", "Training / serving pipeline", "Rollback target", "Last drill"]}>
          {versions.map((v) => (
            <tr key={v.id}>
              <td>
                {v.version} {v.active && <span className="badge HEALTHY">active</span>}
                {v.withdrawnAt && (
                  <span className="badge undocumented" data-testid="version-withdrawn">
                    withdrawn {day(v.withdrawnAt)}
                  </span>
                )}
              </td>
              <td>{v.registryUri ?? "—"}</td>
              <td>{v.stage ?? "—"}</td>
              <td>{day(v.deployedAt)}</td>
              <td>
                {v.trainingPipelineVersion ?? "—"} / {v.servingPipelineVersion ?? "—"}{" "}
                {v.trainingPipelineVersion && v.servingPipelineVersion && v.trainingPipelineVersion !== v.servingPipelineVersion && <span className="badge CRITICAL">skew</span>}
              </td>
              <td>{v.rollbackTargetVersion ?? "—"}</td>
              <td>{v.lastRollbackDrillAt ? `${day(v.lastRollbackDrillAt)} (${v.lastRollbackDrillMinutes} min)` : "never"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {versions
        .filter((v) => v.withdrawnAt || recordChanges.some((c) => c.entityId === v.id) || editable)
        .map((v) => (
          <div key={v.id} data-testid="version-record" data-version={v.version}>
            <RecordChanges changes={recordChanges} entityId={v.id} />
            {editable && !v.withdrawnAt && (
              <RecordCorrection
                id={`correct-version-${v.version}`}
                what={`version ${v.version}`}
                testId="version"
                revision={v.revision}
                correct={correctVersionAction.bind(null, model.key, v.version)}
                withdraw={withdrawVersionAction.bind(null, model.key, v.version)}
                withdrawnEffect="it never serves again, and the compliance engine no longer sees it."
                fields={[
                  ...versionDetailFields(model.key, v),
                  { name: "lastRollbackDrillAt", label: "Last rollback drill on", kind: "date", defaultValue: day(v.lastRollbackDrillAt).replace("—", "") },
                  {
                    name: "lastRollbackDrillMinutes",
                    label: "Last drill's measured minutes",
                    kind: "number",
                    defaultValue: v.lastRollbackDrillMinutes === null ? "" : String(v.lastRollbackDrillMinutes),
                  },
                ]}
              />
            )}
          </div>
        ))}
      {active?.rollbackProcedure && (
        <p>
          <strong>Rollback procedure:</strong> {active.rollbackProcedure}
        </p>
      )}
    </section>
  );
}
