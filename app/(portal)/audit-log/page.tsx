import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { auditLogScope } from "@/lib/authz/policy";
import { auditQuerySchema, listAuditEvents, verifyAuditChain } from "@/lib/audit-log/queries";
import { firstValues } from "@/lib/search-params";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("/audit-log");
  const scope = auditLogScope(user);
  if (scope === "NONE") forbidden();
  const raw = await firstValues(searchParams);
  const query = auditQuerySchema.parse(raw);
  const { items, nextBefore } = await listAuditEvents({ actor: user, query });
  const verdict = raw.verify === "1" && scope === "ALL" ? await verifyAuditChain({ actor: user }) : null;
  const keep = new URLSearchParams(Object.entries(raw).filter(([k, v]) => v && k !== "before" && k !== "verify") as Array<[string, string]>);
  return (
    <>
      <h1>Audit log</h1>
      {scope === "OWN_MODELS" && <p className="muted">You see the history of the models you own.</p>}
      <form className="filters" method="get">
        <label>
          Model key
          <input name="model" defaultValue={query.model} />
        </label>
        <label>
          User
          <input name="user" defaultValue={query.user} />
        </label>
        <label>
          From
          <input type="date" name="from" defaultValue={raw.from} />
        </label>
        <label>
          To
          <input type="date" name="to" defaultValue={raw.to} />
        </label>
        <button type="submit">Filter</button>
        {scope === "ALL" && (
          <Link className="button secondary" href={`/audit-log?${new URLSearchParams([...keep, ["verify", "1"]])}`}>
            Verify the hash chain
          </Link>
        )}
      </form>
      {verdict && (
        <div className={verdict.ok ? "notice" : "form-error"} data-testid="chain-verdict">
          <p style={{ margin: 0 }}>
            {verdict.ok ? `Chain intact: ${verdict.checked} events verified.` : `Chain broken: ${verdict.breakCount} broken link${verdict.breakCount === 1 ? "" : "s"} in ${verdict.checked} events.`}
            {verdict.acknowledged.length > 0 &&
              ` ${verdict.acknowledged.length} event${verdict.acknowledged.length === 1 ? "" : "s"} written before canonical hashing ${verdict.acknowledged.length === 1 ? "is" : "are"} acknowledged by a re-anchoring event (#${verdict.acknowledged.join(", #")}).`}
            {verdict.pending > 0 && ` ${verdict.pending} committed event${verdict.pending === 1 ? " is" : "s are"} not chained yet.`}
          </p>
          {verdict.breaks.length > 0 && (
            <ul data-testid="chain-breaks" style={{ margin: "0.5rem 0 0", paddingLeft: "1rem" }}>
              {verdict.breaks.map((b) => (
                <li key={`${b.seq}-${b.kind}`}>
                  Event #{b.seq}: {b.reason}
                </li>
              ))}
              {verdict.breakCount > verdict.breaks.length && <li className="muted">and {verdict.breakCount - verdict.breaks.length} more</li>}
            </ul>
          )}
        </div>
      )}
      {items.length === 0 ? (
        <p className="card">No events match.</p>
      ) : (
        <DataTable headers={["#", "When (UTC)", "Who", "Action", "Entity", "Change"]}>
          {items.map((e) => (
            <tr key={e.seq.toString()}>
              <td>{e.seq.toString()}</td>
              <td>{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td title={e.actorLabel}>{e.actor?.name ?? e.actorLabel}</td>
              <td>{e.action}</td>
              <td>
                {e.entityType} <span className="muted">{e.entityId.slice(0, 8)}</span>
              </td>
              <td>
                <ChangeSummary before={e.before} after={e.after} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {nextBefore && (
        <div className="pager">
          <Link href={`/audit-log?${new URLSearchParams([...keep, ["before", nextBefore]])}`}>Older events</Link>
        </div>
      )}
    </>
  );
}

function ChangeSummary({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]) && k !== "revision");
  if (keys.length === 0) return <span className="muted">—</span>;
  return (
    <ul style={{ margin: 0, paddingLeft: "1rem" }}>
      {keys.slice(0, 6).map((k) => (
        <li key={k}>
          {k}: {short(b[k])} → {short(a[k])}
        </li>
      ))}
      {keys.length > 6 && <li className="muted">and {keys.length - 6} more</li>}
    </ul>
  );
}

const short = (v: unknown) => {
  const s = v === undefined || v === null ? "∅" : typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
