import { DataTable } from "@/app/_components/data-table";
import { incidentDeadline, type ModelDetail } from "@/lib/models/detail";
import { day } from "./format";
import { RecordChanges } from "./record-changes";
import { RecordCorrection } from "./record-correction";
import { incidentFields } from "./record-fields";
import { correctIncidentAction, withdrawIncidentAction } from "./manage-actions";

export function IncidentsSection({ detail: { model, incidents, recordChanges }, editable }: { detail: ModelDetail; editable: boolean }) {
  return (
    <section className="card" id="incidents">
      <h2 style={{ marginTop: 0 }}>Incidents (Art. 73)</h2>
      {incidents.length === 0 ? (
        <p className="muted">No incident recorded.</p>
      ) : (
        <DataTable headers={["Incident", "Severity", "Became aware", "Report due", "Authority notified"]}>
          {incidents.map((i) => {
            const due = incidentDeadline(i);
            // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: "now" is the request's time
            const overdue = !i.withdrawnAt && !i.authorityNotifiedAt && due.getTime() < Date.now();
            return (
              <tr key={i.id}>
                <td>
                  {i.title}{" "}
                  {i.withdrawnAt && (
                    <span className="badge undocumented" data-testid="incident-withdrawn">
                      withdrawn {day(i.withdrawnAt)}
                    </span>
                  )}
                  <div className="muted">{i.description}</div>
                </td>
                <td>{i.severity.toLowerCase()}</td>
                <td>{day(i.awareAt)}</td>
                <td>
                  {day(due)} {overdue && <span className="badge CRITICAL">overdue</span>}
                </td>
                <td>{i.authorityNotifiedAt ? day(i.authorityNotifiedAt) : "not yet"}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      {incidents
        .filter((i) => i.withdrawnAt || recordChanges.some((c) => c.entityId === i.id) || editable)
        .map((i) => (
          <div key={i.id} data-testid="incident-record" data-title={i.title}>
            {recordChanges.some((c) => c.entityId === i.id) && <h3 style={{ fontSize: "1rem" }}>{i.title}: changes</h3>}
            <RecordChanges changes={recordChanges} entityId={i.id} />
            {editable && !i.withdrawnAt && (
              <RecordCorrection
                id={`correct-incident-${i.id}`}
                what={`incident “${i.title}”`}
                testId="incident"
                revision={i.revision}
                correct={correctIncidentAction.bind(null, model.key, i.id)}
                withdraw={withdrawIncidentAction.bind(null, model.key, i.id)}
                withdrawnEffect="its Art. 73 clock stops and the counts no longer include it."
                fields={incidentFields(i)}
              />
            )}
          </div>
        ))}
    </section>
  );
}
