import { DataTable } from "@/app/_components/data-table";
import { can } from "@/lib/authz/policy";
import type { ModelDetail } from "@/lib/models/detail";
import type { SessionUser } from "@/lib/auth/session";
import { decideReviewAction, submitReviewAction } from "./review-actions";
import { DecideReviewForm, SubmitReviewForm } from "./review-forms";
import { day } from "./format";

/** The confirmation shown after a review form redirects back here. */
const REVIEW_CONFIRMATIONS: Record<string, string> = {
  submitted: "Submitted for review. The compliance officers were notified; you will hear from them in your inbox.",
  approved: "Approved. The owners were notified, and the approval is recorded in the history with a snapshot of what was approved.",
  "changes-requested": "Changes requested. The owners were notified with your comment.",
};

export function ReviewSection({ detail: { model, result, reviews }, user, outcome }: { detail: ModelDetail; user: SessionUser; outcome: string | undefined }) {
  const reviewConfirmation = outcome ? REVIEW_CONFIRMATIONS[outcome] : undefined;
  const resource = { kind: "model" as const, model };
  const mandatoryOpen = result.items.filter((i) => i.status !== "complete" && i.mandatory);
  const pendingReview = reviews.find((r) => r.status === "SUBMITTED") ?? null;
  return (
    <section className="card" id="review">
      <h2 style={{ marginTop: 0 }}>Review</h2>
      {reviewConfirmation && (
        <p className="notice" role="status" data-testid="review-confirmation">
          {reviewConfirmation}
        </p>
      )}
      {reviews.length === 0 ? <p className="muted">Never submitted for review.</p> : null}
      {reviews.length > 0 && (
        <DataTable headers={["Submitted", "By", "Status", "Decided by", "Comment"]}>
          {reviews.map((r) => (
            <tr key={r.id} data-testid="review-row">
              <td>{day(r.submittedAt)}</td>
              <td>{r.submittedBy.name}</td>
              <td>{r.status.replace("_", " ").toLowerCase()}</td>
              <td>{r.decidedBy ? `${r.decidedBy.name}, ${day(r.decidedAt)}` : "—"}</td>
              <td>{r.comment ?? r.submissionNote ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {!pendingReview && can(user, "review.submit", resource) && (
        <>
          <h3>Submit for review</h3>
          {mandatoryOpen.length > 0 && <p className="muted">{mandatoryOpen.length} mandatory item(s) are still open; the reviewer will see them.</p>}
          <SubmitReviewForm action={submitReviewAction.bind(null, model.key)} />
        </>
      )}
      {pendingReview && can(user, "review.decide", { kind: "review", model, submittedById: pendingReview.submittedBy.id }) && (
        <>
          <h3>Decide</h3>
          <DecideReviewForm action={decideReviewAction.bind(null, model.key, pendingReview.id)} />
        </>
      )}
      {pendingReview && pendingReview.submittedBy.id === user.id && can(user, "review.decide") && (
        <p className="muted">You submitted this review: another compliance officer must decide it (four eyes).</p>
      )}
    </section>
  );
}
