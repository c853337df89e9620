import Link from "next/link";
import { can } from "@/lib/authz/policy";
import { LIFECYCLE_LABELS, RISK_CLASS_LABELS } from "@/lib/labels";
import { MONITORING_LABELS } from "@/lib/compliance-labels";
import type { ModelDetail } from "@/lib/models/detail";
import type { SessionUser } from "@/lib/auth/session";

/** The model's name, badges and the links to its sub-pages. */
export function ModelHeader({ detail: { model, result }, user }: { detail: ModelDetail; user: SessionUser }) {
  const resource = { kind: "model" as const, model };
  const editable = can(user, "model.edit", resource);
  const mandatoryOpen = result.items.filter((i) => i.status !== "complete" && i.mandatory);
  return (
    <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: "1rem", flexWrap: "wrap" }}>
      <div>
        <h1 style={{ marginBottom: "0.25rem" }}>{model.name}</h1>
        <span className={`badge ${model.riskClass}`}>{RISK_CLASS_LABELS[model.riskClass]}</span> <span className="badge">{LIFECYCLE_LABELS[model.lifecycle]}</span>{" "}
        <span className={`badge ${result.monitoringStatus}`}>Monitoring: {MONITORING_LABELS[result.monitoringStatus]}</span>{" "}
        {result.undocumented ? (
          <span className="badge undocumented" data-testid="documentation-status">
            Undocumented
          </span>
        ) : mandatoryOpen.length === 0 ? (
          <span className="badge documented" data-testid="documentation-status">
            Documented
          </span>
        ) : (
          <span className="badge STALE" data-testid="documentation-status">
            Incomplete
          </span>
        )}
      </div>
      <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
        {editable && (
          <Link className="button" href={`/models/${model.key}/edit`}>
            Edit
          </Link>
        )}
        {can(user, "model.classify.propose", resource) && (
          <Link className="button secondary" href={`/models/${model.key}/classification`}>
            Classify
          </Link>
        )}
        <Link className="button secondary" href={`/models/${model.key}/documentation`}>
          Documentation
        </Link>
        {result.items.some((i) => i.id.includes("EU_DATABASE") || i.id === "DEROGATION_REGISTRATION") && (
          <Link className="button secondary" href={`/models/${model.key}/eu-registration`}>
            EU database
          </Link>
        )}
        {(result.items.some((i) => i.id === "HR_D_FRIA") || model.actorRole === "DEPLOYER") && (
          <Link className="button secondary" href={`/models/${model.key}/fria`}>
            FRIA (Art. 27)
          </Link>
        )}
      </div>
    </div>
  );
}
