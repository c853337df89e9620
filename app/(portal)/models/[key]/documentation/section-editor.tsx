"use client";

import { useActionState, useState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { checkGuidance } from "@/lib/documentation/guidance";
import type { EvidenceState, SectionState } from "./actions";

export function SectionEditor({
  sectionKey,
  help,
  initial,
  save,
  upload,
}: {
  sectionKey: string;
  help: string;
  initial: { content: string; status: string; updatedAt: string };
  save: (state: SectionState, formData: FormData) => Promise<SectionState>;
  upload: (state: EvidenceState, formData: FormData) => Promise<EvidenceState>;
}) {
  const [state, saveAction, saving] = useActionState<SectionState, FormData>(save, { ...initial });
  const [evidence, uploadAction, uploading] = useActionState<EvidenceState, FormData>(upload, {});
  const e = state.fieldErrors ?? {};
  return (
    <>
      <form action={saveAction} className="stack" style={{ maxWidth: "100%" }} data-testid={`section-form-${sectionKey}`}>
        {/* a new key re-mounts the inputs with the server's answer (what was saved, or what was typed) */}
        <div key={`${state.updatedAt}|${state.saved ?? ""}|${state.formError ?? ""}`} className="stack" style={{ maxWidth: "100%" }}>
          <input type="hidden" name="expectedUpdatedAt" value={state.updatedAt ?? ""} />
          {state.formError && <p className="form-error">{state.formError}</p>}
          {state.saved && <p className="notice">{state.saved}</p>}
          <label>
            Content
            <GuidedTextarea help={help} sectionKey={sectionKey} initial={state.content ?? ""} invalid={!!e.content} />
            <FieldError messages={e.content} />
          </label>
          <label>
            Status
            <select name="status" defaultValue={state.status === "COMPLETE" ? "COMPLETE" : "DRAFT"}>
              <option value="DRAFT">Draft</option>
              <option value="COMPLETE">Complete</option>
            </select>
            <FieldError messages={e.status} />
          </label>
        </div>
        <div>
          <button type="submit" disabled={saving}>
            Save section
          </button>
        </div>
      </form>
      <form action={uploadAction} className="filters" style={{ marginTop: "0.75rem" }} data-testid={`evidence-form-${sectionKey}`}>
        <label>
          Evidence file (PDF, image, text, CSV, JSON, Word, Excel; at most 10 MB)
          <input type="file" name="file" />
          <FieldError messages={evidence.fieldErrors?.file} />
        </label>
        <button type="submit" className="secondary" disabled={uploading}>
          Upload evidence
        </button>
        {evidence.saved && <span className="notice">{evidence.saved}</span>}
        {evidence.formError && !evidence.fieldErrors && <span className="form-error">{evidence.formError}</span>}
      </form>
    </>
  );
}

/** The text area with the guidance checklist under it, re-evaluated as the owner types. */
function GuidedTextarea({ help, sectionKey, initial, invalid }: { help: string; sectionKey: string; initial: string; invalid: boolean }) {
  const [text, setText] = useState(initial);
  const check = checkGuidance(help, text);
  const listId = `guidance-${sectionKey}`;
  return (
    <>
      <textarea name="content" value={text} onChange={(ev) => setText(ev.target.value)} rows={8} aria-invalid={invalid} aria-describedby={listId} />
      <span id={listId} className="guidance" data-testid={`guidance-${sectionKey}`}>
        <span className={check.complete ? "guidance-ok" : "guidance-thin"} data-testid={`guidance-verdict-${sectionKey}`}>
          {check.complete
            ? "Addresses every guidance point: it can be marked complete."
            : `Still thin — ${check.points.filter((p) => p.addressed).length} of ${check.points.length} points addressed, ${check.words} of at least ${check.minWords} words.`}
        </span>
        <ul>
          {check.points.map((p) => (
            <li key={p.label} className={p.addressed ? "guidance-ok" : "guidance-thin"}>
              <span aria-hidden="true">{p.addressed ? "✓ " : "○ "}</span>
              <span className="visually-hidden">{p.addressed ? "Addressed: " : "Not yet addressed: "}</span>
              {p.label}
            </li>
          ))}
        </ul>
      </span>
    </>
  );
}
