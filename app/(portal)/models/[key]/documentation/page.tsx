import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import { openModelPage } from "../_components/model-page";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDocumentation } from "@/lib/documentation/sections";
import { isAppError } from "@/lib/errors";
import { addEvidenceAction, saveSectionAction } from "./actions";
import { SectionEditor } from "./section-editor";
import { MIN_WORDS } from "@/lib/documentation/guidance";
import { SECTION_EXAMPLES } from "@/lib/documentation/examples";
import type { SectionView } from "@/lib/documentation/sections";
import { MarkdownView } from "@/app/_components/markdown-view";

type Params = Promise<{ key: string }>;
export const metadata: Metadata = { title: "Documentation" };

export default async function DocumentationPage({ params }: { params: Params }) {
  const { user, key } = await openModelPage(params, "/documentation");
  const doc = await getDocumentation({ actor: user, key }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <p>
        <Link href={`/models/${key}`}>← {doc.model.name}</Link>
      </p>
      <h1>Documentation</h1>
      <p className="muted">
        The sections this model needs under its classification and our role, mandatory first. Only sections marked complete count, and a section can be marked complete only when it addresses every
        guidance point listed under it (a point is addressed when the text uses one of its key words) in at least {MIN_WORDS} words. Sections are Markdown; “Draft from what Dossier knows” writes a
        first text from the model&apos;s recorded facts, with a TODO for everything Dossier does not know.
      </p>
      {doc.sections.length === 0 && <p className="card">No documentation section applies yet: classify the model first.</p>}
      <div className="doc-layout">
        {doc.sections.length > 0 && <SectionNavigator sections={doc.sections} progress={doc.progress} />}
        <div className="doc-sections">
          {doc.sections.map((s) => (
            <section key={s.key} id={`section-${s.key}`} className="card" data-testid={`section-${s.key}`} tabIndex={-1} aria-labelledby={`title-${s.key}`}>
              <h2 style={{ marginTop: 0 }} id={`title-${s.key}`}>
                {s.title} <span className="muted">({s.article})</span> <span className={`badge ${PROGRESS_BADGE[s.progress]}`}>{PROGRESS_LABEL[s.progress]}</span>{" "}
                <span className="badge">{s.required}</span>
              </h2>
              <SectionGuidance article={s.article} help={s.help} example={SECTION_EXAMPLES[s.key]} />
              {doc.canEdit ? (
                <SectionEditor
                  modelKey={key}
                  sectionKey={s.key}
                  help={s.help}
                  draft={s.draft}
                  initial={{ content: s.content, status: s.status, updatedAt: s.updatedAt ?? "" }}
                  save={saveSectionAction.bind(null, key, s.key)}
                  upload={addEvidenceAction.bind(null, key, s.key)}
                />
              ) : s.content ? (
                <MarkdownView source={s.content} />
              ) : (
                <p>
                  <em>Not documented</em>
                </p>
              )}
              {s.updatedAt && (
                <p className="muted">
                  Last saved {s.updatedAt.slice(0, 16).replace("T", " ")} UTC{s.updatedBy ? ` by ${s.updatedBy}` : ""}.
                </p>
              )}
              {s.evidence.length > 0 && (
                <DataTable headers={["Evidence", "Size", "Type", "sha256", "Uploaded"]}>
                  {s.evidence.map((f) => (
                    <tr key={f.id}>
                      <td>
                        <a href={`/models/${key}/evidence/${f.id}`}>{f.fileName}</a>
                      </td>
                      <td>{(f.size / 1024).toFixed(1)} KiB</td>
                      <td>{f.mediaType}</td>
                      <td>
                        <code>{f.sha256.slice(0, 16)}…</code>
                      </td>
                      <td>
                        {f.uploadedAt.slice(0, 10)} {f.uploadedBy ?? ""}
                      </td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </section>
          ))}
        </div>
      </div>
    </>
  );
}

const PROGRESS_LABEL = { missing: "missing", thin: "thin", complete: "complete" } as const;
const PROGRESS_BADGE = { missing: "undocumented", thin: "STALE", complete: "documented" } as const;

function SectionNavigator({ sections, progress }: { sections: SectionView[]; progress: { complete: number; total: number; percent: number } }) {
  return (
    <nav aria-label="Sections" className="doc-nav card" data-testid="section-navigator">
      <p style={{ marginTop: 0 }} data-testid="documentation-progress">
        <strong>
          {progress.complete} of {progress.total}
        </strong>{" "}
        needed sections complete ({progress.percent}%)
      </p>
      <progress max={progress.total || 1} value={progress.complete} aria-label="Documentation progress" />
      <ol>
        {sections.map((s) => (
          <li key={s.key} data-testid={`nav-${s.key}`} data-progress={s.progress}>
            <a href={`#section-${s.key}`}>{s.title}</a> <span className={`badge ${PROGRESS_BADGE[s.progress]}`}>{PROGRESS_LABEL[s.progress]}</span>
            {s.required === "not required" && <span className="muted"> (not required)</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function SectionGuidance({ article, help, example }: { article: string; help: string; example: string | undefined }) {
  return (
    <details className="section-guidance">
      <summary>
        What {article} asks{example ? ", and an example of a good answer" : ""}
      </summary>
      <p>{help}</p>
      {example && (
        <>
          <p className="muted" style={{ marginBottom: 0 }}>
            Example (for a different system: write about yours):
          </p>
          <blockquote>
            <MarkdownView source={example} />
          </blockquote>
        </>
      )}
    </details>
  );
}
