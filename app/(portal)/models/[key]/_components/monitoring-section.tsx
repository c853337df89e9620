import { DataTable } from "@/app/_components/data-table";
import { MONITORING_LABELS } from "@/lib/compliance-labels";
import type { ModelDetail } from "@/lib/models/detail";

export function MonitoringSection({ detail: { model, result, checks } }: { detail: ModelDetail }) {
  return (
    <section className="card" id="monitoring">
      <h2 style={{ marginTop: 0 }}>
        Monitoring <span className={`badge ${result.monitoringStatus}`}>{MONITORING_LABELS[result.monitoringStatus]}</span>
      </h2>
      <p className="muted">{result.monitoringDetail.reason}</p>
      {model.monitoringConfig ? (
        <p>
          Watching {model.monitoringConfig.features.join(", ")}; warning at {model.monitoringConfig.warningThreshold}, critical at {model.monitoringConfig.criticalThreshold}; a check expected every{" "}
          {model.monitoringConfig.cadenceDays} days.
        </p>
      ) : (
        <p>
          <em>Not monitored</em>: no drift monitoring configured.
        </p>
      )}
      {checks.length > 0 && (
        <DataTable headers={["Observed", "Version", "Status", "Per feature (PSI / KS D / W1)"]}>
          {checks.map((c) => (
            <tr key={c.id}>
              <td>{c.observedAt.toISOString().slice(0, 16).replace("T", " ")}</td>
              <td>{c.version?.version ?? "—"}</td>
              <td>
                <span className={`badge ${c.status}`}>{c.status}</span>
              </td>
              <td>
                {c.features.map((f) => (
                  <div key={f.id}>
                    {f.feature}: {f.psi ?? "—"} / {f.ksStatistic ?? "—"} / {f.wasserstein ?? "—"}
                    {f.metricName ? ` ${f.metricName}=${f.metricValue}` : ""} <span className={`badge ${f.status}`}>{f.status}</span>
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
