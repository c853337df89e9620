import { ACTOR_ROLE_LABELS } from "@/lib/labels";
import type { ModelDetail } from "@/lib/models/detail";
import { day } from "./format";

export function OverviewSection({ model }: { model: ModelDetail["model"] }) {
  return (
    <section className="card" id="overview">
      <h2 style={{ marginTop: 0 }}>Overview and owners</h2>
      <dl className="facts">
        <dt>Key</dt>
        <dd>{model.key}</dd>
        <dt>Business unit</dt>
        <dd>{model.businessUnit?.name ?? "—"}</dd>
        <dt>Our role under the Act</dt>
        <dd>{ACTOR_ROLE_LABELS[model.actorRole]}</dd>
        <dt>Intended purpose</dt>
        <dd>{model.intendedPurpose ?? <em>Not documented</em>}</dd>
        <dt>Foreseeable misuse</dt>
        <dd>{model.foreseeableMisuse ?? <em>Not documented</em>}</dd>
        <dt>Business owner</dt>
        <dd>{model.businessOwner ? `${model.businessOwner.name} <${model.businessOwner.email}>` : <span className="badge undocumented">none</span>}</dd>
        <dt>Technical owner</dt>
        <dd>{model.technicalOwner ? `${model.technicalOwner.name} <${model.technicalOwner.email}>` : <span className="badge undocumented">none</span>}</dd>
        <dt>Environments</dt>
        <dd>{model.environments.join(", ") || "—"}</dd>
        <dt>Next review</dt>
        <dd>{day(model.nextReviewAt)}</dd>
        <dt>EU database registration</dt>
        <dd>{model.euDatabaseId ?? "—"}</dd>
      </dl>
    </section>
  );
}
