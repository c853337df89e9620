// "Re-classification needed: rules changed": the stored verdict and the verdict under the current rule set
// side by side, the provisions that changed, and the officer's one-click re-confirmation. Used on the model
// page and on the rules changelog page.
import Link from "next/link";
import type { Reassessment } from "@/lib/compliance";
import { RISK_CLASS_LABELS } from "@/lib/labels";
import { reconfirmUnderCurrentRulesAction } from "../classification/actions";
import { ConfirmClassificationButton } from "./confirm-classification";

type Flagged = { key: string; revision: number; reclassification: unknown };

export function ReclassificationPanel({ model, canConfirm }: { model: Flagged; canConfirm: boolean }) {
  const r = model.reclassification as Reassessment | null;
  if (!r) return null;
  const side = (label: string, v: Reassessment["old"], version: string) => (
    <td>
      <strong>{label}</strong> <span className="muted">({version})</span>
      <br />
      <span className={`badge ${v.riskClass}`}>{RISK_CLASS_LABELS[v.riskClass]}</span>
      <br />
      Art. 50 duties: {v.transparencyDuties.join(", ") || "none"}
      <br />
      Obligations: {v.obligations.join(", ") || "none"}
    </td>
  );
  return (
    <div className="card" data-testid={`reclassification-${model.key}`} style={{ borderColor: "#b45309" }}>
      <p>
        <strong>Re-classification needed: rules changed</strong> ({r.fromVersion} → {r.toVersion})
      </p>
      <table>
        <tbody>
          <tr>
            {side("Stored verdict", r.old, r.fromVersion)}
            {side("Under the current rules", r.new, r.toVersion)}
          </tr>
        </tbody>
      </table>
      <ul>
        {r.differences.map((d) => (
          <li key={d}>{d}</li>
        ))}
      </ul>
      {(r.addedBasis.length > 0 || r.removedBasis.length > 0) && (
        <p>Provisions changed: {[...r.addedBasis.map((b) => `+ ${b.article || b.id}`), ...r.removedBasis.map((b) => `− ${b.article || b.id}`)].join("; ")}</p>
      )}
      {r.unanswered.length > 0 ? (
        <p>
          The current rules ask {r.unanswered.length} new question(s): <Link href={`/models/${model.key}/classification`}>answer the questionnaire</Link>.
        </p>
      ) : (
        canConfirm && <ConfirmClassificationButton label="Re-confirm under the current rules" confirm={reconfirmUnderCurrentRulesAction.bind(null, model.key, model.revision)} />
      )}
    </div>
  );
}
