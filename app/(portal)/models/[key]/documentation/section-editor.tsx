"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
import type { EvidenceState, SectionState } from "./actions";

export function SectionEditor({
  sectionKey,
  initial,
  save,
  upload,
}: {
  sectionKey: string;
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
            <textarea name="content" defaultValue={state.content} rows={6} aria-invalid={!!e.content} />
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
