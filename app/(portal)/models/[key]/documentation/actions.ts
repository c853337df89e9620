"use server";

import { forbidden } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isAppError, type FieldErrors, asKnownError } from "@/lib/errors";
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
  const input = {
    content: String(formData.get("content") ?? ""),
    status: String(formData.get("status") ?? ""),
    expectedUpdatedAt: String(formData.get("expectedUpdatedAt") ?? ""),
  };
  try {
    const saved = await saveSection({ actor, key, sectionKey, input });
    // the layout: the model page and this page (its navigator and progress) both change
    revalidatePath(`/models/${key}`, "layout");
    return { saved: `Saved (${saved.status.toLowerCase()}).`, content: input.content, status: saved.status, updatedAt: saved.updatedAt, savedContent: input.content };
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") forbidden();
      // keep what the user typed, and the version they started from
      return { fieldErrors: e.fieldErrors, formError: e.message, content: input.content, status: input.status, updatedAt: prev.updatedAt ?? input.expectedUpdatedAt, savedContent: prev.savedContent };
    }
    throw e;
  }
}

export type EvidenceState = { fieldErrors?: FieldErrors; formError?: string; saved?: string };

export async function addEvidenceAction(key: string, sectionKey: string, _prev: EvidenceState, formData: FormData): Promise<EvidenceState> {
  const actor = await requireUser();
  const entry = formData.get("file");
  const file = entry instanceof File && entry.size > 0 ? { name: entry.name, type: entry.type, bytes: new Uint8Array(await entry.arrayBuffer()) } : null;
  try {
    const evidence = await addEvidence({ actor, key, sectionKey, file });
    revalidatePath(`/models/${key}/documentation`);
    return { saved: `Uploaded ${evidence.fileName} (sha256 ${evidence.sha256.slice(0, 12)}…).` };
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") forbidden();
      return { fieldErrors: e.fieldErrors, formError: e.message };
    }
    throw e;
  }
}
