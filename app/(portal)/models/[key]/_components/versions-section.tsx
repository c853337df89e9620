import type { ModelDetail } from "@/lib/models/detail";
import { day } from "./format";

export function VersionsSection({ versions }: { versions: ModelDetail["versions"] }) {
  const active = versions.find((v) => v.active) ?? null;
  return (
    <section className="card" id="versions">
      <h2 style={{ marginTop: 0 }}>Versions and rollback readiness</h2>
      {versions.length === 0 ? (
        <p>
          <em>Not documented</em>: no version recorded.
        </p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Version</th>
              <th>Registry URI</th>
              <th>Stage</th>
              <th>Deployed</th>
              <th>Training / serving pipeline</th>
              <th>Rollback target</th>
              <th>Last drill</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id}>
                <td>
                  {v.version} {v.active && <span className="badge HEALTHY">active</span>}
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
          </tbody>
        </table>
      )}
      {active?.rollbackProcedure && (
        <p>
          <strong>Rollback procedure:</strong> {active.rollbackProcedure}
        </p>
      )}
    </section>
  );
}
