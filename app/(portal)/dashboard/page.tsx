import { DataTable } from "@/app/_components/data-table";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { RISK_CLASS_LABELS } from "@/lib/labels";
import { MONITORING_LABELS } from "@/lib/compliance-labels";
import { getOverview, inventoryHref } from "@/lib/dashboard/overview";
import { upcomingReviews } from "@/lib/dashboard/reviews";
import { MONITORING_STATUSES, RISK_CLASSES } from "@/lib/compliance";
import { BarList, CoverageBars, Figure, TrendLine } from "./_components/charts";

export const metadata: Metadata = { title: "Overview" };

const MONITORING_TONE = { HEALTHY: "ok", WARNING: "warn", STALE: "warn", CRITICAL: "danger", NOT_MONITORED: "neutral" } as const;
const dateText = (d: Date) => d.toISOString().slice(0, 10);

export default async function DashboardPage() {
  const user = await requirePageUser("/dashboard");
  const now = new Date();
  const [overview, reviews] = await Promise.all([getOverview({ now }), upcomingReviews({ now, days: 30, take: 8 })]);
  const { counts } = overview;
  const units = counts.byBusinessUnit.map((u) => u.name);
  const cell = new Map(overview.exposure.map((c) => [`${c.riskClass}|${c.businessUnit}`, c]));
  const classes = RISK_CLASSES.filter((c) => counts.byRiskClass[c].production > 0);
  const problems = counts.byMonitoringStatus.CRITICAL + counts.byMonitoringStatus.STALE;

  return (
    <>
      <h1>Overview</h1>
      <p className="muted">
        Signed in as {user.name}. Counts as of {now.toISOString().slice(0, 16).replace("T", " ")} UTC, by the compliance engine&apos;s rules; every figure opens the inventory filtered to exactly those
        models.
      </p>

      <section className="card" aria-labelledby="headline">
        <h2 id="headline" style={{ marginTop: 0 }}>
          <Link href="/models?lifecycle=PRODUCTION" data-testid="production-count">
            {counts.productionModels} production models
          </Link>
        </h2>
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(150px, 1fr))", gap: "0.75rem" }}>
          <Figure testId="figure-documented" value={counts.documented} label={`documented (${counts.documentedPercent} %)`} href={inventoryHref({ documented: "yes" })} tone="ok" />
          <Figure testId="figure-undocumented" value={counts.undocumented} label="undocumented" href={inventoryHref({ documented: "no" })} tone="danger" />
          <Figure
            testId="figure-monitoring-problems"
            value={problems}
            label="monitoring CRITICAL or STALE"
            href={inventoryHref({ monitoringStatus: counts.byMonitoringStatus.CRITICAL > 0 ? "CRITICAL" : "STALE" })}
            tone="warn"
          />
          <Figure testId="figure-overdue-reviews" value={counts.overdueReviews} label="reviews overdue" href={inventoryHref({ reviewOverdue: true })} tone="warn" />
          <Figure testId="figure-prohibited" value={counts.prohibitedFindings} label="prohibited practices (Art. 5)" href={inventoryHref({ riskClass: "PROHIBITED" })} tone="danger" />
          <Figure
            testId="figure-incidents"
            value={overview.openIncidents.length}
            label="open incidents"
            href="#incidents"
            tone={overview.openIncidents.some((i) => i.state === "overdue") ? "danger" : "neutral"}
          />
        </div>
      </section>

      <div data-print-grid style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(380px, 1fr))", gap: "1rem" }}>
        <section className="card" aria-labelledby="coverage">
          <h2 id="coverage" style={{ marginTop: 0 }}>
            Documentation by risk class
          </h2>
          <CoverageBars
            title="Production models by risk class, documented and undocumented"
            rows={classes.map((c) => ({
              label: RISK_CLASS_LABELS[c],
              documented: counts.byRiskClass[c].documented,
              undocumented: counts.byRiskClass[c].undocumented,
            }))}
          />
          <DataTable testId="coverage-table" headers={["Risk class", "Production", "Documented", "Undocumented"]}>
            {classes.map((c) => (
              <tr key={c} data-testid={`risk-${c}`}>
                <td>{RISK_CLASS_LABELS[c]}</td>
                <td>
                  <Link href={inventoryHref({ riskClass: c })}>{counts.byRiskClass[c].production}</Link>
                </td>
                <td>
                  <Link href={inventoryHref({ riskClass: c, documented: "yes" })}>{counts.byRiskClass[c].documented}</Link>
                </td>
                <td>
                  <Link href={inventoryHref({ riskClass: c, documented: "no" })}>{counts.byRiskClass[c].undocumented}</Link>
                </td>
              </tr>
            ))}
          </DataTable>
        </section>

        <section className="card" aria-labelledby="monitoring">
          <h2 id="monitoring" style={{ marginTop: 0 }}>
            Monitoring health
          </h2>
          <BarList
            title="Production models by monitoring status"
            testId="monitoring-chart"
            bars={MONITORING_STATUSES.map((s) => ({ label: MONITORING_LABELS[s], value: counts.byMonitoringStatus[s], tone: MONITORING_TONE[s] }))}
          />
          <ul data-testid="monitoring-list">
            {MONITORING_STATUSES.map((s) => (
              <li key={s}>
                <Link href={inventoryHref({ monitoringStatus: s })} data-testid={`monitoring-${s}`}>
                  {counts.byMonitoringStatus[s]} {MONITORING_LABELS[s].toLowerCase()}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section className="card" aria-labelledby="exposure">
        <h2 id="exposure" style={{ marginTop: 0 }}>
          Risk exposure by business unit
        </h2>
        <p className="muted">Production models per risk class and unit; the second number is how many of them are undocumented.</p>
        <div style={{ overflowX: "auto" }}>
          <table className="data" data-testid="exposure-table">
            <thead>
              <tr>
                <th>Risk class</th>
                {units.map((u) => (
                  <th key={u}>{u}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {classes.map((c) => (
                <tr key={c}>
                  <td>{RISK_CLASS_LABELS[c]}</td>
                  {units.map((u) => {
                    const x = cell.get(`${c}|${u}`);
                    if (!x)
                      return (
                        <td key={u} className="muted">
                          0
                        </td>
                      );
                    const shade = x.production === 0 ? 0 : x.undocumented / x.production;
                    return (
                      <td key={u} style={{ background: `rgba(197, 48, 48, ${(0.06 + 0.22 * shade).toFixed(2)})` }}>
                        <Link href={inventoryHref({ riskClass: c, businessUnit: u })}>{x.production}</Link>
                        {x.undocumented > 0 && (
                          <>
                            {" · "}
                            <Link href={inventoryHref({ riskClass: c, businessUnit: u, documented: "no" })} title="undocumented">
                              {x.undocumented} undoc.
                            </Link>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr>
                <th>All classes</th>
                {counts.byBusinessUnit.map((u) => (
                  <th key={u.name}>
                    <Link href={inventoryHref({ businessUnit: u.name })}>{u.production}</Link> · <Link href={inventoryHref({ businessUnit: u.name, documented: "no" })}>{u.undocumented} undoc.</Link>
                  </th>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="trend">
        <h2 id="trend" style={{ marginTop: 0 }}>
          Trend (last 90 days)
        </h2>
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))", gap: "1rem" }} data-testid="trend">
          <TrendLine title="Documentation coverage" unit=" %" points={overview.trend.map((p) => ({ day: p.day, value: p.documentedPercent }))} />
          <TrendLine title="Models with monitoring CRITICAL or STALE" color="#c53030" points={overview.trend.map((p) => ({ day: p.day, value: p.monitoringProblems }))} />
        </div>
      </section>

      <div data-print-grid style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(380px, 1fr))", gap: "1rem" }}>
        <section className="card" aria-labelledby="incidents-title" id="incidents">
          <h2 id="incidents-title" style={{ marginTop: 0 }}>
            Open incidents and their Art. 73 clocks
          </h2>
          {overview.openIncidents.length === 0 ? (
            <p className="muted">No open incidents.</p>
          ) : (
            <DataTable testId="incidents-table" headers={["Incident", "Deadline", "State"]}>
              {overview.openIncidents.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link href={`/models/${i.modelKey}`}>{i.title}</Link>
                    <div className="muted">{i.modelName}</div>
                  </td>
                  <td>
                    {i.days} days: {i.deadline.toISOString().slice(0, 16).replace("T", " ")} UTC
                  </td>
                  <td>
                    <span className={`badge ${i.state === "overdue" ? "CRITICAL" : i.state === "due-soon" ? "WARNING" : i.state === "reported" ? "HEALTHY" : ""}`}>
                      {i.state === "reported" ? "reported" : i.state === "overdue" ? `overdue by ${-(i.hoursLeft ?? 0)} h` : `${i.hoursLeft} h left`}
                    </span>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>

        <section className="card" aria-labelledby="prohibited">
          <h2 id="prohibited" style={{ marginTop: 0 }}>
            Prohibited findings
          </h2>
          {overview.prohibited.length === 0 ? (
            <p className="muted">No production model is classified as a prohibited practice.</p>
          ) : (
            <ul data-testid="prohibited-list">
              {overview.prohibited.map((m) => (
                <li key={m.key}>
                  <Link href={`/models/${m.key}`}>{m.name}</Link> <span className="badge PROHIBITED">Art. 5</span> <span className="muted">{m.businessUnit}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <div data-print-grid style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(380px, 1fr))", gap: "1rem" }}>
        <section className="card" aria-labelledby="calendar">
          <h2 id="calendar" style={{ marginTop: 0 }}>
            Next regulatory dates
          </h2>
          <ul data-testid="regulatory-dates">
            {overview.regulatoryDates.map((d) => (
              <li key={d.id}>
                <strong>{d.date}</strong> (in {d.daysUntil} days): {d.title}{" "}
                <span className="muted">
                  — {d.articles}
                  {d.amended ? ", as amended by the Digital Omnibus" : ""}
                  {d.overridden ? ", date corrected by an admin" : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby="reviews">
          <h2 id="reviews" style={{ marginTop: 0 }}>
            Reviews due in the next 30 days
          </h2>
          <p>
            <Link href={inventoryHref({ reviewOverdue: true })}>{counts.overdueReviews} production models are past their review date.</Link>
          </p>
          {reviews.length === 0 ? (
            <p className="muted">None due.</p>
          ) : (
            <ul data-testid="reviews-due">
              {reviews.map((r) => (
                <li key={r.key}>
                  {dateText(r.nextReviewAt)}: <Link href={`/models/${r.key}`}>{r.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
