import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { RISK_CLASS_LABELS } from "@/lib/labels";
import { reviewQueue } from "@/lib/reviews/reviews";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const user = await requirePageUser("/reviews");
  if (!can(user, "review.decide")) forbidden();
  const queue = await reviewQueue({ actor: user });
  return (
    <>
      <h1>Reviews waiting for a decision</h1>
      {queue.length === 0 ? (
        <p className="card" data-testid="review-queue-empty">
          Nothing to review.
        </p>
      ) : (
        <DataTable testId="review-queue" headers={["Model", "Risk class", "Submitted", "By", "Completeness", "Open items"]}>
          {queue.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/models/${r.model.key}#review`}>{r.model.name}</Link>
              </td>
              <td>{RISK_CLASS_LABELS[r.model.riskClass]}</td>
              <td>{r.submittedAt.toISOString().slice(0, 10)}</td>
              <td>
                {r.submittedBy.name}
                {r.submittedBy.id === user.id && <div className="muted">your submission: another officer decides</div>}
              </td>
              <td>{r.model.complianceScore ?? "—"}</td>
              <td>{r.model.openItems.length}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
