"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { MarkdownView } from "@/app/_components/markdown-view";
import { checkGuidance } from "@/lib/documentation/guidance";
import type { EvidenceState, SectionState } from "./actions";

export function SectionEditor({
  modelKey,
  sectionKey,
  help,
  draft,
  initial,
  save,
  upload,
}: {
  modelKey: string;
  sectionKey: string;
  help: string;
  /** the text draft.ts writes from the model's facts */
  draft: string;
  initial: { content: string; status: string; updatedAt: string };
  save: (state: SectionState, formData: FormData) => Promise<SectionState>;
  upload: (state: EvidenceState, formData: FormData) => Promise<EvidenceState>;
}) {
  const [state, saveAction, saving] = useActionState<SectionState, FormData>(save, { ...initial, savedContent: initial.content });
  const [evidence, uploadAction, uploading] = useActionState<EvidenceState, FormData>(upload, {});
  const e = state.fieldErrors ?? {};
  return (
    <>
      <form action={saveAction} className="stack" style={{ maxWidth: "100%" }} data-testid={`section-form-${sectionKey}`}>
        {/* a new key re-mounts the inputs with the server's answer (what was saved, or what was typed) */}
        <div key={`${state.updatedAt}|${state.saved ?? ""}|${state.formError ?? ""}`} className="stack" style={{ maxWidth: "100%" }}>
          <input type="hidden" name="expectedUpdatedAt" value={state.updatedAt ?? ""} />
          {state.formError && (
            <p className="form-error" role="alert">
              {state.formError}
            </p>
          )}
          {state.saved && (
            <p className="notice" role="status">
              {state.saved}
            </p>
          )}
          <SectionText
            help={help}
            sectionKey={sectionKey}
            draft={draft}
            storageKey={`dossier:section:${modelKey}:${sectionKey}:${state.updatedAt ?? ""}`}
            storagePrefix={`dossier:section:${modelKey}:${sectionKey}:`}
            serverText={state.savedContent ?? ""}
            initial={state.content ?? ""}
            saved={!!state.saved}
            invalid={!!e.content}
            errors={e.content}
          />
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

function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: the editor still works, it just cannot keep unsaved text
  }
}
function writeStored(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    /* storage full or disabled: nothing to keep */
  }
}
/** Unsaved text kept under other versions of this section: [key, text] pairs. */
function olderVersions(prefix: string, keep: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i);
      const v = k && k.startsWith(prefix) && k !== keep ? window.localStorage.getItem(k) : null;
      if (k && v !== null) found.push([k, v]);
    }
  } catch {
    /* as above */
  }
  return found.sort(([a], [b]) => b.localeCompare(a));
}

type Notice = { kind: "restored" | "drafted"; previous: string } | { kind: "older"; previous: string; older: string; olderKeys: string[] };

/**
 * The section text: write/preview tabs, the draft from facts, the live guidance checklist. Unsaved text
 * is kept in this browser per model, section and saved version, restored with a notice, and cleared once
 * saved (text typed against an older version is offered, not restored over the newer one); leaving the
 * page with unsaved text asks first.
 */
function SectionText({
  help,
  sectionKey,
  draft,
  storageKey,
  storagePrefix,
  serverText,
  initial,
  saved,
  invalid,
  errors,
}: {
  help: string;
  sectionKey: string;
  draft: string;
  storageKey: string;
  storagePrefix: string;
  serverText: string;
  initial: string;
  saved: boolean;
  invalid: boolean;
  errors: string[] | undefined;
}) {
  const [text, setText] = useState(initial);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [notice, setNotice] = useState<Notice | null>(null);
  const loaded = useRef(false);
  const dirty = text !== serverText;

  // restore once on mount (localStorage exists only in the browser, so not during the server render).
  // Text typed against an older version of the section is never put over the newer one unasked: the
  // owner chooses to take it into the editor (to merge) or to discard it.
  useEffect(() => {
    const older = olderVersions(storagePrefix, storageKey);
    if (saved) {
      writeStored(storageKey, null);
      for (const [k] of older) writeStored(k, null);
    } else {
      const stored = readStored(storageKey);
      // localStorage is invisible to the server render, so the restore can only happen after mounting
      /* eslint-disable react-hooks/set-state-in-effect */
      if (stored !== null && stored !== initial) {
        setNotice({ kind: "restored", previous: initial });
        setText(stored);
      } else if (older.length > 0) {
        setNotice({ kind: "older", previous: initial, older: older[0]![1], olderKeys: older.map(([k]) => k) });
      }
      /* eslint-enable react-hooks/set-state-in-effect */
    }
    loaded.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount: the parent re-mounts this after each save
  }, []);

  useEffect(() => {
    if (!loaded.current) return;
    writeStored(storageKey, dirty ? text : null);
  }, [storageKey, text, dirty]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (ev: BeforeUnloadEvent) => {
      ev.preventDefault();
      ev.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const check = checkGuidance(help, text);
  const listId = `guidance-${sectionKey}`;
  const textId = `content-${sectionKey}`;
  return (
    <div className="stack" style={{ maxWidth: "100%" }}>
      {notice?.kind === "older" && (
        <p className="notice" role="status" data-testid={`section-notice-${sectionKey}`}>
          This browser kept unsaved text you typed before someone saved a newer version of this section. Take it into the editor to merge it, or discard it.{" "}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setText(notice.older);
              for (const k of notice.olderKeys) writeStored(k, null);
              setNotice({ kind: "restored", previous: notice.previous });
            }}
          >
            Use my unsaved text
          </button>{" "}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              for (const k of notice.olderKeys) writeStored(k, null);
              setNotice(null);
            }}
          >
            Discard it
          </button>
        </p>
      )}
      {notice && notice.kind !== "older" && (
        <p className="notice" role="status" data-testid={`section-notice-${sectionKey}`}>
          {notice.kind === "restored"
            ? "Unsaved text restored: this browser kept what you typed before you left. Save it, or discard it."
            : "Drafted from what Dossier knows: check every line, replace each TODO, then save."}{" "}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setText(notice.previous);
              setNotice(null);
            }}
          >
            {notice.kind === "restored" ? "Discard unsaved text" : "Undo draft"}
          </button>
        </p>
      )}
      <div className="editor-bar">
        <div role="tablist" aria-label="Editor view">
          <button type="button" role="tab" id={`tab-write-${sectionKey}`} aria-selected={tab === "write"} aria-controls={`panel-write-${sectionKey}`} className="tab" onClick={() => setTab("write")}>
            Write
          </button>
          <button
            type="button"
            role="tab"
            id={`tab-preview-${sectionKey}`}
            aria-selected={tab === "preview"}
            aria-controls={`panel-preview-${sectionKey}`}
            className="tab"
            onClick={() => setTab("preview")}
          >
            Preview
          </button>
        </div>
        <button
          type="button"
          className="secondary"
          data-testid={`draft-${sectionKey}`}
          onClick={() => {
            setNotice({ kind: "drafted", previous: text });
            setText(draft);
            setTab("write");
          }}
        >
          Draft from what Dossier knows
        </button>
      </div>
      <div role="tabpanel" id={`panel-write-${sectionKey}`} aria-labelledby={`tab-write-${sectionKey}`} hidden={tab !== "write"}>
        <label htmlFor={textId}>Content</label>
        <span className="muted" style={{ fontSize: "0.8rem", display: "block" }}>
          Markdown: # headings, - lists, **bold**, *italic*, `code`, | tables |. Lines with TODO do not count.
        </span>
        <textarea id={textId} name="content" value={text} onChange={(ev) => setText(ev.target.value)} rows={12} aria-invalid={invalid} aria-describedby={listId} style={{ width: "100%" }} />
        <FieldError messages={errors} />
      </div>
      <div role="tabpanel" id={`panel-preview-${sectionKey}`} aria-labelledby={`tab-preview-${sectionKey}`} hidden={tab !== "preview"} className="preview">
        {tab === "preview" && <MarkdownView source={text} testId={`preview-${sectionKey}`} />}
      </div>
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
    </div>
  );
}
