"use client";

// A download button that generates a document through POST /api/v1/dossiers, shows the progress events
// while the server renders it off the request thread, and starts the download when it is ready.
import Link from "next/link";
import { useState } from "react";

export type DocumentRequest =
  | { kind: "MODEL_DOSSIER"; modelKey: string; format: "pdf" | "json" }
  | { kind: "INVENTORY_REPORT"; format: "pdf" | "csv" | "json"; filters: { businessUnit?: string; riskClass?: string; undocumentedOnly?: boolean } };

type Done = { recordUrl: string; downloadUrl: string; fileName: string; sha256: string };
type State = { phase: "idle" } | { phase: "working"; fraction: number; message: string } | { phase: "done"; done: Done } | { phase: "error"; message: string };

type Event =
  { type: "progress"; fraction: number; message: string } | { type: "done"; downloadUrl: string; recordUrl: string; record: { fileName: string; sha256: string } } | { type: "error"; detail: string };

export function GenerateDocumentButton({ request, label, testId }: { request: DocumentRequest; label: string; testId: string }) {
  const [state, setState] = useState<State>({ phase: "idle" });

  async function generate() {
    setState({ phase: "working", fraction: 0, message: "Starting…" });
    try {
      const response = await fetch("/api/v1/dossiers", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
      if (!response.ok || !response.body) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        setState({ phase: "error", message: problem?.detail ?? `The server answered ${response.status}.` });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines) {
          if (!line.trim()) continue;
          const event = JSON.parse(line) as Event;
          if (event.type === "progress") setState({ phase: "working", fraction: event.fraction, message: event.message });
          else if (event.type === "error") setState({ phase: "error", message: event.detail });
          else {
            const done: Done = { recordUrl: event.recordUrl, downloadUrl: event.downloadUrl, fileName: event.record.fileName, sha256: event.record.sha256 };
            setState({ phase: "done", done });
            // the stored bytes stream from the record; the browser saves them under the record's file name
            const a = document.createElement("a");
            a.href = done.downloadUrl;
            a.download = done.fileName;
            document.body.appendChild(a);
            a.click();
            a.remove();
          }
        }
      }
    } catch (error) {
      setState({ phase: "error", message: error instanceof Error ? error.message : "The request failed." });
    }
  }

  return (
    <div data-testid={testId} style={{ display: "flex", gap: "0.75rem", alignItems: "center", flexWrap: "wrap" }}>
      <button type="button" onClick={generate} disabled={state.phase === "working"} className={request.format === "pdf" ? undefined : "secondary"}>
        {label}
      </button>
      {state.phase === "working" && (
        <span role="status" data-testid={`${testId}-progress`} style={{ display: "inline-flex", gap: "0.5rem", alignItems: "center" }}>
          <progress max={1} value={state.fraction} /> {state.message}
        </span>
      )}
      {state.phase === "done" && (
        <span data-testid={`${testId}-done`}>
          Ready:{" "}
          <a href={state.done.downloadUrl} download={state.done.fileName}>
            {state.done.fileName}
          </a>{" "}
          · <Link href={state.done.recordUrl}>record</Link> · SHA-256 <code>{state.done.sha256.slice(0, 12)}…</code>
        </span>
      )}
      {state.phase === "error" && (
        <span className="form-error" data-testid={`${testId}-error`}>
          {state.message}
        </span>
      )}
    </div>
  );
}
