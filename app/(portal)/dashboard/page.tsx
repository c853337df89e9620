import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { RISK_CLASS_LABELS } from "@/lib/labels";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Overview" };

export default async function DashboardPage() {
  const user = await requirePageUser("/dashboard");
  const byClass = await prisma.model.groupBy({ by: ["riskClass"], where: { lifecycle: "PRODUCTION" }, _count: { _all: true }, orderBy: { riskClass: "asc" } });
  const production = byClass.reduce((n, r) => n + r._count._all, 0);
  return (
    <>
      <h1>Overview</h1>
      <p className="muted">Signed in as {user.name}.</p>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>
          <Link href="/models?lifecycle=PRODUCTION" data-testid="production-count">
            {production} production models
          </Link>
        </h2>
        <table className="data" style={{ maxWidth: 480 }}>
          <thead>
            <tr>
              <th>Risk class</th>
              <th>Production models</th>
            </tr>
          </thead>
          <tbody>
            {byClass.map((r) => (
              <tr key={r.riskClass}>
                <td>
                  <Link href={`/models?lifecycle=PRODUCTION&riskClass=${r.riskClass}`}>{RISK_CLASS_LABELS[r.riskClass]}</Link>
                </td>
                <td>{r._count._all}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
