import { incidentDeadline, type ModelDetail } from "@/lib/models/detail";
import { day } from "./format";

export function IncidentsSection({ incidents }: { incidents: ModelDetail["incidents"] }) {
  return (
    <section className="card" id="incidents">
      <h2 style={{ marginTop: 0 }}>Incidents (Art. 73)</h2>
      {incidents.length === 0 ? (
        <p className="muted">No incident recorded.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Incident</th>
              <th>Severity</th>
              <th>Became aware</th>
              <th>Report due</th>
              <th>Authority notified</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => {
              const due = incidentDeadline(i);
              // a server component renders once per request: "now" is the request's time, not a re-render hazard
              // eslint-disable-next-line react-hooks/purity
              const overdue = !i.authorityNotifiedAt && due.getTime() < Date.now();
              return (
                <tr key={i.id}>
                  <td>
                    {i.title}
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
          </tbody>
        </table>
      )}
    </section>
  );
}
