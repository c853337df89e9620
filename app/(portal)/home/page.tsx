import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { homeKindFor, officerWorklist, ownerHome } from "@/lib/home/home";
import { inventoryHref } from "@/lib/dashboard/overview";
import { RISK_CLASS_LABELS } from "@/lib/labels";

export const metadata: Metadata = { title: "Home" };

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : "—");

/** Each role's start page; the sign-in lands here. The overview stays one click away in the navigation. */
export default async function HomePage() {
  const user = await requirePageUser("/home");
  const kind = homeKindFor(user);
  if (kind === "executive") redirect("/dashboard");
  if (kind === "owner") return <OwnerHome user={user} />;
  if (kind === "officer") return <OfficerWorklist user={user} />;
  return <AuditorHome />;
}

async function OwnerHome({ user }: { user: Awaited<ReturnType<typeof requirePageUser>> }) {
  const { models, reviews, requests } = await ownerHome({ actor: user });
  const needing = models.filter((m) => m.items.length > 0);
  return (
    <>
      <h1>My models</h1>
      <p className="muted">
        The {models.length} models you own, the most consequential first: prohibited practices, then high-risk models that are undocumented, then monitoring that is critical or stale, then deadlines.
        Each open item links to the form that fixes it. {needing.length} of them have open items.
      </p>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))", gap: "1rem" }}>
        <section className="card" aria-labelledby="my-reviews">
          <h2 id="my-reviews" style={{ marginTop: 0 }}>
            Reviews
          </h2>
          {reviews.length === 0 ? (
            <p className="muted">No review waiting, reopened or sent back.</p>
          ) : (
            <ul data-testid="owner-reviews">
              {reviews.map((r) => (
                <li key={r.id}>
                  <Link href={`/models/${r.model.key}#review`}>{r.model.name}</Link> — {r.status.replace("_", " ").toLowerCase()}
                  {r.decidedBy ? ` by ${r.decidedBy.name}` : ""}
                  {r.comment ? <div className="muted">{r.comment}</div> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="my-requests">
          <h2 id="my-requests" style={{ marginTop: 0 }}>
            Requests
          </h2>
          {requests.length === 0 ? (
            <p className="muted">No unread request or notification.</p>
          ) : (
            <ul data-testid="owner-requests">
              {requests.map((n) => (
                <li key={n.id}>
                  {n.link ? <Link href={n.link}>{n.title}</Link> : n.title}
                  <div className="muted">{n.body}</div>
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link href="/inbox">All of your inbox</Link>
          </p>
        </section>
      </div>
      <section aria-labelledby="my-models-list">
        <h2 id="my-models-list">Models, by consequence</h2>
        <ol className="owner-models" data-testid="owner-models" style={{ paddingLeft: "1.25rem" }}>
          {models.map((m) => (
            <li key={m.key} className="card" data-testid="owner-model" data-model={m.key} data-rank={m.consequence.rank}>
              <h3 style={{ margin: "0 0 0.25rem" }}>
                <Link href={`/models/${m.key}`}>{m.name}</Link> <span className={`badge ${m.riskClass}`}>{RISK_CLASS_LABELS[m.riskClass]}</span>{" "}
                <span className={`badge ${m.undocumented ? "undocumented" : "documented"}`}>{m.undocumented ? "Undocumented" : "Documented"}</span> <span className="muted">{m.score} / 100</span>
              </h3>
              <p style={{ margin: "0 0 0.25rem" }}>
                <strong>{m.consequence.label}.</strong> {m.because}
              </p>
              {m.items.length > 0 && (
                <ul>
                  {m.items.slice(0, 5).map((i) => (
                    <li key={i.id} data-testid="owner-item" data-item={i.id}>
                      <Link href={i.href}>Fix: {i.title}</Link>{" "}
                      <span className="muted">
                        ({i.status}
                        {i.mandatory ? "" : ", recommended"})
                      </span>
                    </li>
                  ))}
                  {m.items.length > 5 && (
                    <li>
                      <Link href={`/models/${m.key}`}>and {m.items.length - 5} more on the model page</Link>
                    </li>
                  )}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

async function OfficerWorklist({ user }: { user: Awaited<ReturnType<typeof requirePageUser>> }) {
  const w = await officerWorklist({ actor: user });
  return (
    <>
      <h1>Audit worklist</h1>
      <p className="muted">What to chase today. The overview of the whole inventory is under Overview.</p>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(340px, 1fr))", gap: "1rem" }}>
        <section className="card" aria-labelledby="wl-reviews" data-testid="worklist-reviews">
          <h2 id="wl-reviews" style={{ marginTop: 0 }}>
            Reviews waiting for you ({w.queue.length})
          </h2>
          {w.queue.length === 0 ? (
            <p className="muted">No submission is waiting.</p>
          ) : (
            <ul>
              {w.queue.slice(0, 10).map((r) => (
                <li key={r.id}>
                  <Link href={`/models/${r.model.key}#review`}>{r.model.name}</Link>{" "}
                  <span className="muted">
                    submitted {day(r.submittedAt)} by {r.submittedBy.name}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {w.queue.length > 10 && <Link href="/reviews">All {w.queue.length} reviews</Link>}
        </section>
        <section className="card" aria-labelledby="wl-incidents" data-testid="worklist-incidents">
          <h2 id="wl-incidents" style={{ marginTop: 0 }}>
            Art. 73 clocks running ({w.clocks.length})
          </h2>
          {w.clocks.length === 0 ? (
            <p className="muted">No unreported incident.</p>
          ) : (
            <ul>
              {w.clocks.slice(0, 10).map((c) => (
                <li key={c.id}>
                  <Link href={`/models/${c.modelKey}#incidents`}>{c.title}</Link> <span className="muted">{c.modelName}</span>{" "}
                  <span className={`badge ${c.state === "overdue" ? "CRITICAL" : c.state === "due-soon" ? "WARNING" : ""}`}>
                    {c.state === "overdue" ? `overdue since ${day(c.deadline)}` : `report by ${day(c.deadline)}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="wl-undocumented" data-testid="worklist-undocumented">
          <h2 id="wl-undocumented" style={{ marginTop: 0 }}>
            Undocumented production models
          </h2>
          <ul>
            {w.undocumentedByRisk.map((r) => (
              <li key={r.riskClass}>
                <Link href={inventoryHref({ riskClass: r.riskClass, documented: "no" }) + "&lifecycle=PRODUCTION"}>
                  {r.count} {RISK_CLASS_LABELS[r.riskClass].toLowerCase()}
                </Link>
              </li>
            ))}
          </ul>
          {w.undocumentedTop.length > 0 && (
            <>
              <h3>Prohibited and high-risk, least complete first</h3>
              <ul>
                {w.undocumentedTop.map((m) => (
                  <li key={m.key}>
                    <Link href={`/models/${m.key}`}>{m.name}</Link>{" "}
                    <span className="muted">
                      {m.complianceScore} / 100 · {m.businessOwner?.name ?? m.technicalOwner?.name ?? "no owner"}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="wl-overdue" data-testid="worklist-overdue">
          <h2 id="wl-overdue" style={{ marginTop: 0 }}>
            Overdue reviews ({w.overdueCount})
          </h2>
          {w.overdue.length === 0 ? (
            <p className="muted">No review date has passed.</p>
          ) : (
            <ul>
              {w.overdue.map((m) => (
                <li key={m.key}>
                  <Link href={`/models/${m.key}`}>{m.name}</Link> <span className="muted">due {day(m.nextReviewAt)}</span>
                </li>
              ))}
            </ul>
          )}
          {w.overdueCount > w.overdue.length && <Link href={inventoryHref({ reviewOverdue: true })}>All {w.overdueCount} overdue</Link>}
        </section>
        <section className="card" aria-labelledby="wl-reclass" data-testid="worklist-reclassifications">
          <h2 id="wl-reclass" style={{ marginTop: 0 }}>
            Re-classifications needed ({w.reclassifications.length})
          </h2>
          {w.reclassifications.length === 0 ? (
            <p className="muted">None flagged.</p>
          ) : (
            <ul>
              {w.reclassifications.map((m) => (
                <li key={m.key}>
                  <Link href={`/models/${m.key}/classification`}>{m.name}</Link> <span className="muted">{m.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

function AuditorHome() {
  return (
    <>
      <h1>Audit</h1>
      <p className="muted">Read-only access to the whole inventory, its reports and the tamper-evident audit log.</p>
      <ul className="card" data-testid="auditor-home" style={{ paddingLeft: "2rem" }}>
        <li>
          <Link href="/models">The inventory</Link> — every model, filterable, with its verdict
        </li>
        <li>
          <Link href="/reports">Reports</Link> — the inventory report and each model&apos;s dossier, with verifiable records
        </li>
        <li>
          <Link href="/audit-log">The audit log</Link> — every change, who and when, with its hash chain
        </li>
      </ul>
    </>
  );
}
