import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { getDocumentation } from "@/lib/documentation/sections";
import { isAppError } from "@/lib/errors";
import { MODEL_KEY_PATTERN } from "@/lib/models/schemas";
import { addEvidenceAction, saveSectionAction } from "./actions";
import { SectionEditor } from "./section-editor";
import { checkGuidance, MIN_WORDS } from "@/lib/documentation/guidance";

type Params = Promise<{ key: string }>;
export const metadata: Metadata = { title: "Documentation" };

export default async function DocumentationPage({ params }: { params: Params }) {
  const { key } = await params;
  const user = await requirePageUser(`/models/${key}/documentation`);
  if (!MODEL_KEY_PATTERN.test(key)) notFound();
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
        guidance point listed under it (a point is addressed when the text uses one of its key words) in at least {MIN_WORDS} words.
      </p>
      {doc.sections.length === 0 && <p className="card">No documentation section applies yet: classify the model first.</p>}
      {doc.sections.map((s) => (
        <section key={s.key} id={`section-${s.key}`} className="card" data-testid={`section-${s.key}`}>
          <h2 style={{ marginTop: 0 }}>
            {s.title} <span className="muted">({s.article})</span> <span className={`badge ${s.status === "COMPLETE" ? "documented" : "undocumented"}`}>{s.status.toLowerCase()}</span>{" "}
            <span className="badge">{s.required}</span> {s.status === "COMPLETE" && !checkGuidance(s.help, s.content).complete && <span className="badge undocumented">thin</span>}
          </h2>
          <p className="muted">{s.help}</p>
          {doc.canEdit ? (
            <SectionEditor
              sectionKey={s.key}
              help={s.help}
              initial={{ content: s.content, status: s.status, updatedAt: s.updatedAt ?? "" }}
              save={saveSectionAction.bind(null, key, s.key)}
              upload={addEvidenceAction.bind(null, key, s.key)}
            />
          ) : (
            <div style={{ whiteSpace: "pre-wrap" }}>{s.content || <em>Not documented</em>}</div>
          )}
          {s.updatedAt && (
            <p className="muted">
              Last saved {s.updatedAt.slice(0, 16).replace("T", " ")} UTC{s.updatedBy ? ` by ${s.updatedBy}` : ""}.
            </p>
          )}
          {s.evidence.length > 0 && (
            <table className="data">
              <thead>
                <tr>
                  <th>Evidence</th>
                  <th>Size</th>
                  <th>Type</th>
                  <th>sha256</th>
                  <th>Uploaded</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
