import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import type { ModelDetail } from "@/lib/models/detail";

export function HistorySection({ detail: { model, history } }: { detail: ModelDetail }) {
  return (
    <section className="card" id="history">
      <h2 style={{ marginTop: 0 }}>History</h2>
      {history === null ? (
        <p className="muted">Your role does not include this model&apos;s audit log.</p>
      ) : history.length === 0 ? (
        <p className="muted">No recorded change yet.</p>
      ) : (
        <>
          <DataTable headers={["When (UTC)", "Who", "What"]}>
            {history.map((e) => (
              <tr key={e.seq.toString()}>
                <td>{e.at.toISOString().slice(0, 16).replace("T", " ")}</td>
                <td title={e.actorLabel}>{e.actor?.name ?? e.actorLabel}</td>
                <td>{e.action}</td>
              </tr>
            ))}
          </DataTable>
          <p>
            <Link href={`/audit-log?model=${model.key}`}>Full history in the audit log</Link>
          </p>
        </>
      )}
    </section>
  );
}
