"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
import type { ReviewState } from "./review-actions";

type Action = (state: ReviewState, formData: FormData) => Promise<ReviewState>;

export function SubmitReviewForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<ReviewState, FormData>(action, {});
  return (
    <form action={formAction} className="stack" data-testid="submit-review-form">
      {state.formError && <p className="form-error">{state.formError}</p>}
      {state.saved && <p className="notice">{state.saved}</p>}
      <label>
        Note for the reviewer (optional)
        <textarea name="note" defaultValue={state.values?.note} rows={2} />
        <FieldError messages={state.fieldErrors?.note} />
      </label>
      <div>
        <button type="submit" disabled={pending}>
          Submit for review
        </button>
      </div>
    </form>
  );
}

export function DecideReviewForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState<ReviewState, FormData>(action, {});
  return (
    <form action={formAction} className="stack" data-testid="decide-review-form">
      {state.formError && <p className="form-error">{state.formError}</p>}
      {state.saved && <p className="notice">{state.saved}</p>}
      <label>
        Comment (required when requesting changes)
        <textarea name="comment" defaultValue={state.values?.comment} rows={3} />
        <FieldError messages={state.fieldErrors?.comment} />
      </label>
      <div style={{ display: "flex", gap: "0.5rem" }}>
        <button type="submit" name="decision" value="APPROVE" disabled={pending}>
          Approve
        </button>
        <button type="submit" name="decision" value="REQUEST_CHANGES" className="secondary" disabled={pending}>
          Request changes
        </button>
      </div>
      <FieldError messages={state.fieldErrors?.decision} />
    </form>
  );
}
