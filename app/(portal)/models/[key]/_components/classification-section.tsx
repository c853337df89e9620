import { can } from "@/lib/authz/policy";
import { describeLegalBasis } from "@/lib/compliance";
import { RISK_CLASS_LABELS } from "@/lib/labels";
import type { ModelDetail } from "@/lib/models/detail";
import type { SessionUser } from "@/lib/auth/session";
import { confirmClassificationAction } from "../classification/actions";
import { ConfirmClassificationButton } from "./confirm-classification";
import { ReclassificationPanel } from "./reclassification-panel";
import { day } from "./format";

export function ClassificationSection({ model, user }: { model: ModelDetail["model"]; user: SessionUser }) {
  const resource = { kind: "model" as const, model };
  return (
    <section className="card" id="classification">
      <h2 style={{ marginTop: 0 }}>Classification</h2>
      <p>
        <span className={`badge ${model.riskClass}`}>{RISK_CLASS_LABELS[model.riskClass]}</span>{" "}
        {model.classificationStatus === "PROPOSED" && <span className="badge STALE">proposed, awaiting confirmation</span>}
        {model.classificationStatus === "CONFIRMED" && (
          <span className="muted">
            confirmed {day(model.classifiedAt)}
            {model.classifiedBy ? ` by ${model.classifiedBy.name}` : ""}
          </span>
        )}{" "}
        {model.classificationStatus === "PROPOSED" && can(user, "model.classify.confirm", resource) && (
          <ConfirmClassificationButton confirm={confirmClassificationAction.bind(null, model.key, model.revision)} />
        )}
      </p>
      {model.reclassificationNeeded && <ReclassificationPanel model={model} canConfirm={can(user, "model.classify.confirm", resource)} />}
      {model.legalBasis.length > 0 && (
        <ul>
          {model.legalBasis.map((b) => {
            const basis = describeLegalBasis(b);
            return (
              <li key={b}>
                {basis.label} <span className="muted">({basis.article || b})</span>
              </li>
            );
          })}
        </ul>
      )}
      {model.transparencyDuties.length > 0 && <p>Transparency duties: {model.transparencyDuties.join(", ")}</p>}
      {model.riskRationale ? (
        <details>
          <summary>Reasoning</summary>
          <ol>
            {model.riskRationale.split("\n").map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </details>
      ) : (
        <p>
          <em>Not classified yet.</em>
        </p>
      )}
    </section>
  );
}
