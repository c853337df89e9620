import type { ModelDetail } from "@/lib/models/detail";

type Change = ModelDetail["recordChanges"][number];

/** Bookkeeping columns a reader does not need to compare. */
const HIDDEN = new Set(["id", "modelId", "revision", "createdAt", "updatedAt", "createdById", "withdrawnById", "reason", "metrics"]);

const shown = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : String(v));

/** The corrections and withdrawal of one record: when, who, why, and each changed field before → after. */
export function RecordChanges({ changes, entityId }: { changes: Change[]; entityId: string }) {
  return changes
    .filter((c) => c.entityId === entityId)
    .map((c) => {
      const before = (c.before ?? {}) as Record<string, unknown>;
      const after = (c.after ?? {}) as Record<string, unknown>;
      const withdrawn = c.action.endsWith(".withdraw");
      const fields = Object.keys(after).filter((k) => !HIDDEN.has(k) && shown(before[k]) !== shown(after[k]) && !(withdrawn && k.startsWith("withdraw")));
      return (
        <div key={c.seq.toString()} className="notice" data-testid="record-change" style={{ marginBottom: "0.5rem" }}>
          <strong>{withdrawn ? "Withdrawn" : "Corrected"}</strong> {c.at.toISOString().slice(0, 16).replace("T", " ")} UTC by {c.actor?.name ?? c.actorLabel}:{" "}
          {shown(withdrawn ? after.withdrawalReason : after.reason)}
          {fields.length > 0 && (
            <ul>
              {fields.map((k) => (
                <li key={k}>
                  {k}: {shown(before[k])} → {shown(after[k])}
                </li>
              ))}
            </ul>
          )}
        </div>
      );
    });
}
