import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { ACTOR_ROLE_LABELS, LIFECYCLE_LABELS, RISK_CLASS_LABELS } from "@/lib/labels";
import { MODEL_KEY_PATTERN } from "@/lib/models/schemas";
import { getModelByKey } from "@/lib/models/queries";

type Params = Promise<{ key: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).key };
}

export default async function ModelPage({ params }: { params: Params }) {
  const { key } = await params;
  const user = await requirePageUser(`/models/${key}`);
  if (!MODEL_KEY_PATTERN.test(key)) notFound();
  const model = await getModelByKey(key);
  if (!model) notFound();
  const editable = can(user, "model.edit", { kind: "model", model });
  return (
    <>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
        <h1>{model.name}</h1>
        {editable && (
          <Link className="button" href={`/models/${model.key}/edit`}>
            Edit
          </Link>
        )}
      </div>
      <section className="card">
        <dl className="facts">
          <dt>Key</dt>
          <dd>{model.key}</dd>
          <dt>Business unit</dt>
          <dd>{model.businessUnit?.name ?? "—"}</dd>
          <dt>Lifecycle</dt>
          <dd>{LIFECYCLE_LABELS[model.lifecycle]}</dd>
          <dt>Our role under the Act</dt>
          <dd>{ACTOR_ROLE_LABELS[model.actorRole]}</dd>
          <dt>Risk class</dt>
          <dd>
            <span className={`badge ${model.riskClass}`}>{RISK_CLASS_LABELS[model.riskClass]}</span>{" "}
            {model.classificationStatus === "PROPOSED" && <span className="muted">(proposed, awaiting confirmation)</span>}
          </dd>
          <dt>Legal basis</dt>
          <dd>{model.legalBasis.length ? model.legalBasis.join(", ") : "—"}</dd>
          <dt>Rationale</dt>
          <dd>{model.riskRationale ?? "—"}</dd>
          <dt>Intended purpose</dt>
          <dd>{model.intendedPurpose ?? "Not documented"}</dd>
          <dt>Business owner</dt>
          <dd>{model.businessOwner ? `${model.businessOwner.name} <${model.businessOwner.email}>` : "None"}</dd>
          <dt>Technical owner</dt>
          <dd>{model.technicalOwner ? `${model.technicalOwner.name} <${model.technicalOwner.email}>` : "None"}</dd>
          <dt>Next review</dt>
          <dd>{model.nextReviewAt?.toISOString().slice(0, 10) ?? "—"}</dd>
          <dt>EU database registration</dt>
          <dd>{model.euDatabaseId ?? "—"}</dd>
        </dl>
      </section>
      <h2>Versions</h2>
      {model.versions.length === 0 ? (
        <p className="card">No versions recorded.</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Version</th>
              <th>Registry URI</th>
              <th>Active</th>
              <th>Training / serving pipeline</th>
              <th>Rollback target</th>
              <th>Last drill</th>
            </tr>
          </thead>
          <tbody>
            {model.versions.map((v) => (
              <tr key={v.id}>
                <td>{v.version}</td>
                <td>{v.registryUri ?? "—"}</td>
                <td>{v.active ? "yes" : ""}</td>
                <td>
                  {v.trainingPipelineVersion ?? "—"} / {v.servingPipelineVersion ?? "—"}
                </td>
                <td>{v.rollbackTargetVersion ?? "—"}</td>
                <td>
                  {v.lastRollbackDrillAt ? `${v.lastRollbackDrillAt.toISOString().slice(0, 10)} (${v.lastRollbackDrillMinutes} min)` : "never"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
