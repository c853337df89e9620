"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import type { FieldErrors } from "@/lib/errors";
import { formValues, runFormFor } from "@/lib/form-data";
import { addEvidence, saveSection } from "@/lib/documentation/sections";

export type SectionState = {
  fieldErrors?: FieldErrors;
  formError?: string;
  saved?: string;
  content?: string;
  status?: string;
  updatedAt?: string;
  /** the text as last saved on the server (what "unsaved" is measured against) */
  savedContent?: string;
};

export async function saveSectionAction(key: string, sectionKey: string, prev: SectionState, formData: FormData): Promise<SectionState> {
  const actor = await requireUser();
  const { content = "", status = "", expectedUpdatedAt = "" } = formValues(formData);
  const input = { content, status, expectedUpdatedAt };
  const done = await runFormFor({}, () => saveSection({ actor, key, sectionKey, input }), forbidden);
  // keep what the user typed, and the version they started from
  if (!done.ok) return { fieldErrors: done.outcome.fieldErrors, formError: done.outcome.formError, content, status, updatedAt: prev.updatedAt ?? expectedUpdatedAt, savedContent: prev.savedContent };
  const saved = done.result;
  // the layout: the model page and this page (its navigator and progress) both change
  revalidatePath(`/models/${key}`, "layout");
  return { saved: `Saved (${saved.status.toLowerCase()}).`, content, status: saved.status, updatedAt: saved.updatedAt, savedContent: content };
}

export type EvidenceState = { fieldErrors?: FieldErrors; formError?: string; saved?: string };

export async function addEvidenceAction(key: string, sectionKey: string, _prev: EvidenceState, formData: FormData): Promise<EvidenceState> {
  const actor = await requireUser();
  const entry = formData.get("file");
  const file = entry instanceof File && entry.size > 0 ? { name: entry.name, type: entry.type, bytes: new Uint8Array(await entry.arrayBuffer()) } : null;
  const done = await runFormFor({}, () => addEvidence({ actor, key, sectionKey, file }), forbidden);
  if (!done.ok) return { fieldErrors: done.outcome.fieldErrors, formError: done.outcome.formError };
  revalidatePath(`/models/${key}/documentation`);
  return { saved: `Uploaded ${done.result.fileName} (sha256 ${done.result.sha256.slice(0, 12)}…).` };
}
