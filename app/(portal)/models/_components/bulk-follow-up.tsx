"use client";

import { useActionState, useState } from "react";
import { FieldError } from "@/app/_components/field-error";
import type { ActionOutcome } from "@/lib/form-data";
import { bulkFollowUpAction } from "./bulk-actions";
import { BULK_FORM_ID } from "./bulk-form-id";

/**
 * The officer's bulk follow-up for the inventory view: the ticked rows (their checkboxes belong to this
 * form through form="bulk-follow-up") or every model the filter matches, and one of three actions.
 */
export function BulkFollowUp({ filter, total, limit }: { filter: Record<string, string>; total: number; limit: number }) {
  const [state, formAction, pending] = useActionState<ActionOutcome, FormData>(bulkFollowUpAction, {});
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  const [action, setAction] = useState(v.action ?? "request-update");
  const tooMany = total > limit;
  return (
    <details className="card" data-testid="bulk-panel" open={!!(state.saved || state.formError)}>
      <summary>Follow up on these models (compliance officers)</summary>
      <form id={BULK_FORM_ID} action={formAction} className="stack" data-testid="bulk-form" noValidate key={JSON.stringify(state)}>
        {state.formError && <p className="form-error">{state.formError}</p>}
        {state.saved && (
          <p className="notice" role="status" data-testid="bulk-confirmation">
            {state.saved}
          </p>
        )}
        {Object.entries(filter).map(([k, x]) => (
          <input key={k} type="hidden" name={`filter_${k}`} value={x} />
        ))}
        <input type="hidden" name="expectedTotal" value={String(total)} />
        <fieldset>
          <legend>Which models</legend>
          <label style={{ flexDirection: "row", display: "flex", gap: "0.4rem" }}>
            <input type="radio" name="scope" value="selected" defaultChecked={(v.scope ?? "selected") === "selected"} /> The models ticked in the list below
          </label>
          <label style={{ flexDirection: "row", display: "flex", gap: "0.4rem" }}>
            <input type="radio" name="scope" value="all" defaultChecked={v.scope === "all"} disabled={tooMany} /> All {total.toLocaleString("en")} models matching this filter (every page, not just
            this one)
          </label>
          <span className="muted">
            At most {limit.toLocaleString("en")} models per action{tooMany ? ": narrow the filter to act on all of them." : "."}
          </span>
          <FieldError messages={e.keys ?? e.scope} />
        </fieldset>
        <label>
          Action
          <select name="action" value={action} onChange={(ev) => setAction(ev.target.value)} aria-invalid={!!e.action}>
            <option value="request-update">Send an &quot;update needed&quot; request to the owners</option>
            <option value="assign-owner">Assign an owner</option>
            <option value="review-date">Set the next review date</option>
          </select>
          <FieldError messages={e.action} />
        </label>
        {action === "request-update" && (
          <label>
            Message to the owners (optional; each also gets the list of what is missing per model)
            <textarea name="message" rows={2} defaultValue={v.message ?? ""} aria-invalid={!!e.message} />
            <FieldError messages={e.message} />
          </label>
        )}
        {action === "assign-owner" && (
          <>
            <label>
              New owner (e-mail)
              <input name="ownerEmail" type="email" defaultValue={v.ownerEmail ?? ""} aria-invalid={!!e.ownerEmail} />
              <FieldError messages={e.ownerEmail} />
            </label>
            <label>
              Which owner
              <select name="ownerRole" defaultValue={v.ownerRole ?? "business"} aria-invalid={!!e.ownerRole}>
                <option value="business">Business owner</option>
                <option value="technical">Technical owner</option>
              </select>
              <FieldError messages={e.ownerRole} />
            </label>
          </>
        )}
        {action === "review-date" && (
          <label>
            Next review on
            <input name="reviewDate" type="date" defaultValue={v.reviewDate ?? ""} aria-invalid={!!e.reviewDate} />
            <FieldError messages={e.reviewDate} />
          </label>
        )}
        <div>
          <button type="submit" disabled={pending}>
            Apply to the chosen models
          </button>
        </div>
      </form>
    </details>
  );
}
