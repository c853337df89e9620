import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { CURRENT_RULE_SET, RULE_SETS } from "@/lib/compliance";
import { flaggedModels } from "@/lib/models/rule-sets";
import { ReclassificationPanel } from "../models/[key]/_components/reclassification-panel";
import { checkRuleSetsAction } from "./actions";
import { CheckRulesButton } from "./check-rules-button";

export const metadata: Metadata = { title: "Rules changelog" };

export default async function RulesPage() {
  const user = await requirePageUser("/rules");
  const flagged = await flaggedModels();
  const canConfirm = can(user, "model.classify.confirm");
  return (
    <>
      <h1>Rules changelog</h1>
      <p className="muted">
        Every classification records the rule-set version it was made under. The current version is <strong data-testid="current-rule-set">{CURRENT_RULE_SET}</strong>. When the rules change, each
        model whose verdict would change is flagged below with the old and new verdict side by side.
      </p>
      {canConfirm && <CheckRulesButton check={checkRuleSetsAction} />}

      <h2>Re-classification needed: rules changed ({flagged.length})</h2>
      {flagged.length === 0 ? (
        <p data-testid="no-flagged">No model&apos;s verdict changes under the current rules.</p>
      ) : (
        flagged.map((m) => (
          <section key={m.key}>
            <h3>
              <Link href={`/models/${m.key}`}>{m.name}</Link>
            </h3>
            <ReclassificationPanel model={m} canConfirm={canConfirm} />
          </section>
        ))
      )}

      <h2>Versions</h2>
      {[...RULE_SETS].reverse().map((r) => (
        <section className="card" key={r.version} data-testid={`rule-set-${r.version}`}>
          <h3 style={{ marginTop: 0 }}>
            {r.version} {r.version === CURRENT_RULE_SET && <span className="badge HEALTHY">current</span>}
          </h3>
          <p>
            {r.title}; in force from {r.inForceFrom}.
          </p>
          <p>Sources: {r.sources.join("; ")}</p>
          <DataTable className="" headers={["Provisions", "Change"]}>
            {r.changes.map((c) => (
              <tr key={c.provisions}>
                <td>{c.provisions}</td>
                <td>{c.summary}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ))}
    </>
  );
}
