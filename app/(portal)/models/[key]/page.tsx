import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { describeLegalBasis } from "@/lib/compliance";
import { fixHref } from "@/lib/models/fix-href";
import { ACTOR_ROLE_LABELS, LIFECYCLE_LABELS, RISK_CLASS_LABELS } from "@/lib/labels";
import { MONITORING_LABELS } from "@/lib/compliance-labels";
import { MODEL_KEY_PATTERN } from "@/lib/models/schemas";
import { getModelDetail, incidentDeadline } from "@/lib/models/detail";
import { confirmClassificationAction } from "./classification/actions";
import { ConfirmClassificationButton } from "./_components/confirm-classification";
import { ReclassificationPanel } from "./_components/reclassification-panel";
import { decideReviewAction, submitReviewAction } from "./_components/review-actions";
import { DecideReviewForm, SubmitReviewForm } from "./_components/review-forms";
import { ManagePanels } from "./_components/manage-panels";
import { BiasCorrection } from "./_components/bias-correction";
import { DossierActions } from "./_components/dossier-actions";

type Params = Promise<{ key: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await params).key };
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "—");

/** The confirmation shown after a review form redirects back here. */
const REVIEW_CONFIRMATIONS: Record<string, string> = {
  submitted: "Submitted for review. The compliance officers were notified; you will hear from them in your inbox.",
  approved: "Approved. The owners were notified, and the approval is recorded in the history with a snapshot of what was approved.",
  "changes-requested": "Changes requested. The owners were notified with your comment.",
};

export default async function ModelPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { key } = await params;
  const reviewOutcome = (await searchParams).review;
  const reviewConfirmation = typeof reviewOutcome === "string" ? REVIEW_CONFIRMATIONS[reviewOutcome] : undefined;
  const user = await requirePageUser(`/models/${key}`);
  if (!MODEL_KEY_PATTERN.test(key)) notFound();
  const detail = await getModelDetail({ actor: user, key });
  if (!detail) notFound();
  const { model, result, versions, checks, incidents, reviews, history, biasChanges } = detail;
  const resource = { kind: "model" as const, model };
  const editable = can(user, "model.edit", resource);
  const open = result.items.filter((i) => i.status !== "complete");
  const mandatoryOpen = open.filter((i) => i.mandatory);
  const active = versions.find((v) => v.active) ?? null;
  const pendingReview = reviews.find((r) => r.status === "SUBMITTED") ?? null;
  const filled = (v: string | null) => !!v?.trim();
  const activeLinks = active?.datasets.filter((l) => l.purpose !== "MONITORING_REFERENCE") ?? [];
  const fixContext = {
    hasVersion: versions.length > 0,
    datasetLacking: {
      provenance: activeLinks.find((l) => !filled(l.dataset.source) || !filled(l.dataset.provenance) || !filled(l.dataset.collectionMethod))?.dataset.id,
      biasExamination: activeLinks.find((l) => !filled(l.dataset.knownBiases) || !filled(l.dataset.biasMitigations))?.dataset.id,
    },
  };

  return (
    <>
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

      <section className="card" style={{ marginTop: "1rem" }} data-testid="missing-panel">
        <h2 style={{ marginTop: 0 }}>
          What is missing <span className="muted">— completeness {result.score} / 100</span>
        </h2>
        {open.length === 0 ? (
          <p data-testid="nothing-missing">Nothing: every applicable requirement is complete.</p>
        ) : (
          <ul>
            {open.map((item) => (
              <li key={item.id} data-testid="missing-item" data-item={item.id}>
                <strong>
                  {/* a same-page form: a plain link, so the browser's hashchange opens it (OpenFromHash) */}
                  {fixHref(model.key, item, fixContext).startsWith(`/models/${model.key}#`) ? (
                    <a href={fixHref(model.key, item, fixContext)}>{item.title}</a>
                  ) : (
                    <Link href={fixHref(model.key, item, fixContext)}>{item.title}</Link>
                  )}
                </strong>{" "}
                <span className="muted">({item.article})</span> — <span className={`badge ${item.status === "stale" ? "STALE" : "undocumented"}`}>{item.status}</span>{" "}
                {item.mandatory ? "" : <span className="badge">recommended</span>}
                <div className="muted">
                  {item.reason} Fix: {item.fix}
                </div>
              </li>
            ))}
          </ul>
        )}
        {result.findings.length > 0 && (
          <>
            <h3>Findings</h3>
            <ul>
              {result.findings.map((f) => (
                <li key={f.id} data-testid="finding">
                  <span className={`badge ${f.severity === "CRITICAL" ? "CRITICAL" : f.severity === "WARNING" ? "WARNING" : ""}`}>{f.severity}</span> {f.reason}{" "}
                  <span className="muted">
                    ({f.article}) {f.fix}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <DossierActions modelKey={model.key} />

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

      <section className="card" id="review">
        <h2 style={{ marginTop: 0 }}>Review</h2>
        {reviewConfirmation && (
          <p className="notice" role="status" data-testid="review-confirmation">
            {reviewConfirmation}
          </p>
        )}
        {reviews.length === 0 ? <p className="muted">Never submitted for review.</p> : null}
        {reviews.length > 0 && (
          <table className="data">
            <thead>
              <tr>
                <th>Submitted</th>
                <th>By</th>
                <th>Status</th>
                <th>Decided by</th>
                <th>Comment</th>
              </tr>
            </thead>
            <tbody>
              {reviews.map((r) => (
                <tr key={r.id} data-testid="review-row">
                  <td>{day(r.submittedAt)}</td>
                  <td>{r.submittedBy.name}</td>
                  <td>{r.status.replace("_", " ").toLowerCase()}</td>
                  <td>{r.decidedBy ? `${r.decidedBy.name}, ${day(r.decidedAt)}` : "—"}</td>
                  <td>{r.comment ?? r.submissionNote ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!pendingReview && can(user, "review.submit", resource) && (
          <>
            <h3>Submit for review</h3>
            {mandatoryOpen.length > 0 && <p className="muted">{mandatoryOpen.length} mandatory item(s) are still open; the reviewer will see them.</p>}
            <SubmitReviewForm action={submitReviewAction.bind(null, model.key)} />
          </>
        )}
        {pendingReview && can(user, "review.decide", { kind: "review", model, submittedById: pendingReview.submittedBy.id }) && (
          <>
            <h3>Decide</h3>
            <DecideReviewForm action={decideReviewAction.bind(null, model.key, pendingReview.id)} />
          </>
        )}
        {pendingReview && pendingReview.submittedBy.id === user.id && can(user, "review.decide") && (
          <p className="muted">You submitted this review: another compliance officer must decide it (four eyes).</p>
        )}
      </section>

      <section className="card" id="versions">
        <h2 style={{ marginTop: 0 }}>Versions and rollback readiness</h2>
        {versions.length === 0 ? (
          <p>
            <em>Not documented</em>: no version recorded.
          </p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Version</th>
                <th>Registry URI</th>
                <th>Stage</th>
                <th>Deployed</th>
                <th>Training / serving pipeline</th>
                <th>Rollback target</th>
                <th>Last drill</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <td>
                    {v.version} {v.active && <span className="badge HEALTHY">active</span>}
                  </td>
                  <td>{v.registryUri ?? "—"}</td>
                  <td>{v.stage ?? "—"}</td>
                  <td>{day(v.deployedAt)}</td>
                  <td>
                    {v.trainingPipelineVersion ?? "—"} / {v.servingPipelineVersion ?? "—"}{" "}
                    {v.trainingPipelineVersion && v.servingPipelineVersion && v.trainingPipelineVersion !== v.servingPipelineVersion && <span className="badge CRITICAL">skew</span>}
                  </td>
                  <td>{v.rollbackTargetVersion ?? "—"}</td>
                  <td>{v.lastRollbackDrillAt ? `${day(v.lastRollbackDrillAt)} (${v.lastRollbackDrillMinutes} min)` : "never"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {active?.rollbackProcedure && (
          <p>
            <strong>Rollback procedure:</strong> {active.rollbackProcedure}
          </p>
        )}
      </section>

      <section className="card" id="datasets">
        <h2 style={{ marginTop: 0 }}>Datasets of the active version</h2>
        {!active || active.datasets.length === 0 ? (
          <p>
            <em>Not documented</em>
          </p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Purpose</th>
                <th>Dataset</th>
                <th>Provenance</th>
                <th>Bias examination (Art. 10(2)(f)-(g))</th>
              </tr>
            </thead>
            <tbody>
              {active.datasets.map((l) => (
                <tr key={`${l.datasetId}-${l.purpose}`}>
                  <td>{l.purpose.toLowerCase().replace("_", " ")}</td>
                  <td>
                    <Link href={`/datasets/${l.dataset.id}`}>{l.dataset.name}</Link> <span className="muted">v{l.dataset.version}</span>
                  </td>
                  <td>{l.dataset.provenance ?? <span className="badge undocumented">missing</span>}</td>
                  <td>{l.dataset.knownBiases ? `${l.dataset.knownBiases} Mitigation: ${l.dataset.biasMitigations ?? "—"}` : <span className="badge undocumented">missing</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" id="bias">
        <h2 style={{ marginTop: 0 }}>Bias assessments</h2>
        {versions.every((v) => v.biasAssessments.length === 0) ? (
          <p>
            <em>Not documented</em>
          </p>
        ) : (
          versions.flatMap((v) =>
            v.biasAssessments.map((a) => (
              <div key={a.id} style={{ marginBottom: "1rem" }}>
                <p>
                  <strong>
                    Version {v.version}, {day(a.assessedAt)}
                  </strong>{" "}
                  ({a.status.toLowerCase()}){a.assessor ? `, by ${a.assessor.name}` : ""} — {a.methodology}
                  {a.withdrawnAt && (
                    <>
                      {" "}
                      <span className="badge undocumented" data-testid="bias-withdrawn">
                        withdrawn {day(a.withdrawnAt)}
                      </span>{" "}
                      <span className="muted">{a.withdrawalReason}</span>
                    </>
                  )}
                </p>
                <table className="data">
                  <thead>
                    <tr>
                      <th>Metric</th>
                      <th>Group</th>
                      <th>Value</th>
                      <th>Threshold</th>
                      <th>Result</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.metrics.map((m) => (
                      <tr key={m.id}>
                        <td>{m.metric}</td>
                        <td>{m.group}</td>
                        <td>{m.value}</td>
                        <td>{m.threshold}</td>
                        <td>
                          <span className={`badge ${m.passed ? "HEALTHY" : "CRITICAL"}`}>{m.passed ? "pass" : "fail"}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {a.findings && <p>Findings: {a.findings}</p>}
                {a.mitigations && <p>Mitigations: {a.mitigations}</p>}
                {biasChanges
                  .filter((c) => c.entityId === a.id)
                  .map((c) => {
                    const before = (c.before ?? {}) as { metrics?: string[]; status?: string; assessedAt?: string };
                    const after = (c.after ?? {}) as { metrics?: string[]; status?: string; assessedAt?: string; reason?: string; withdrawalReason?: string };
                    return (
                      <div key={c.seq.toString()} className="notice" data-testid="bias-change" style={{ marginBottom: "0.5rem" }}>
                        <strong>{c.action === "bias_assessment.correct" ? "Corrected" : "Withdrawn"}</strong> {c.at.toISOString().slice(0, 16).replace("T", " ")} UTC by {c.actor?.name ?? c.actorLabel}
                        : {after.reason ?? after.withdrawalReason}
                        <div>
                          Before: {before.assessedAt}, {before.status?.toLowerCase()}; {(before.metrics ?? []).join("; ")}
                        </div>
                        {c.action === "bias_assessment.correct" && (
                          <div>
                            After: {after.assessedAt}, {after.status?.toLowerCase()}; {(after.metrics ?? []).join("; ")}
                          </div>
                        )}
                      </div>
                    );
                  })}
                {editable && !a.withdrawnAt && <BiasCorrection modelKey={model.key} assessment={a} />}
              </div>
            )),
          )
        )}
      </section>

      <section className="card" id="monitoring">
        <h2 style={{ marginTop: 0 }}>
          Monitoring <span className={`badge ${result.monitoringStatus}`}>{MONITORING_LABELS[result.monitoringStatus]}</span>
        </h2>
        <p className="muted">{result.monitoringDetail.reason}</p>
        {model.monitoringConfig ? (
          <p>
            Watching {model.monitoringConfig.features.join(", ")}; warning at {model.monitoringConfig.warningThreshold}, critical at {model.monitoringConfig.criticalThreshold}; a check expected every{" "}
            {model.monitoringConfig.cadenceDays} days.
          </p>
        ) : (
          <p>
            <em>Not monitored</em>: no drift monitoring configured.
          </p>
        )}
        {checks.length > 0 && (
          <table className="data">
            <thead>
              <tr>
                <th>Observed</th>
                <th>Version</th>
                <th>Status</th>
                <th>Per feature (PSI / KS D / W1)</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((c) => (
                <tr key={c.id}>
                  <td>{c.observedAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                  <td>{c.version?.version ?? "—"}</td>
                  <td>
                    <span className={`badge ${c.status}`}>{c.status}</span>
                  </td>
                  <td>
                    {c.features.map((f) => (
                      <div key={f.id}>
                        {f.feature}: {f.psi ?? "—"} / {f.ksStatistic ?? "—"} / {f.wasserstein ?? "—"}
                        {f.metricName ? ` ${f.metricName}=${f.metricValue}` : ""} <span className={`badge ${f.status}`}>{f.status}</span>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" id="incidents">
        <h2 style={{ marginTop: 0 }}>Incidents (Art. 73)</h2>
        {incidents.length === 0 ? (
          <p className="muted">No incident recorded.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Incident</th>
                <th>Severity</th>
                <th>Became aware</th>
                <th>Report due</th>
                <th>Authority notified</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => {
                const due = incidentDeadline(i);
                // a server component renders once per request: "now" is the request's time, not a re-render hazard
                // eslint-disable-next-line react-hooks/purity
                const overdue = !i.authorityNotifiedAt && due.getTime() < Date.now();
                return (
                  <tr key={i.id}>
                    <td>
                      {i.title}
                      <div className="muted">{i.description}</div>
                    </td>
                    <td>{i.severity.toLowerCase()}</td>
                    <td>{day(i.awareAt)}</td>
                    <td>
                      {day(due)} {overdue && <span className="badge CRITICAL">overdue</span>}
                    </td>
                    <td>{i.authorityNotifiedAt ? day(i.authorityNotifiedAt) : "not yet"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      {editable && <ManagePanels modelKey={model.key} versions={versions.map((v) => v.version)} config={model.monitoringConfig} />}

      <section className="card" id="history">
        <h2 style={{ marginTop: 0 }}>History</h2>
        {history === null ? (
          <p className="muted">Your role does not include this model&apos;s audit log.</p>
        ) : history.length === 0 ? (
          <p className="muted">No recorded change yet.</p>
        ) : (
          <>
            <table className="data">
              <thead>
                <tr>
                  <th>When (UTC)</th>
                  <th>Who</th>
                  <th>What</th>
                </tr>
              </thead>
              <tbody>
                {history.map((e) => (
                  <tr key={e.seq.toString()}>
                    <td>{e.at.toISOString().slice(0, 16).replace("T", " ")}</td>
                    <td title={e.actorLabel}>{e.actor?.name ?? e.actorLabel}</td>
                    <td>{e.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <Link href={`/audit-log?model=${model.key}`}>Full history in the audit log</Link>
            </p>
          </>
        )}
      </section>
    </>
  );
}
