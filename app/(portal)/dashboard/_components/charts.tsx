// Plain SVG charts. Each is role="img" with an aria-label that states the numbers; the page puts the
// same numbers in a table or text next to it, so nothing is only in the picture.
import Link from "next/link";
import type React from "react";

export type Bar = { label: string; value: number; tone?: "ok" | "warn" | "danger" | "neutral" };
const TONES = { ok: "#2f855a", warn: "#b7791f", danger: "#c53030", neutral: "#718096" } as const;

/*
 * Bar charts are laid out in HTML (a three-column grid: label, bar, number), not in a scaled SVG, so a
 * label or a number is never clipped or squeezed at any width: the bar column takes what is left.
 * The chart is one image for assistive technology (its aria-label states every number), with nothing
 * interactive inside it; the list or table beside each chart carries the links.
 */
function Chart({ label, testId, children }: { label: string; testId?: string; children: React.ReactNode }) {
  return (
    <div role="img" aria-label={label} data-testid={testId} className="bar-chart">
      {children}
    </div>
  );
}

const pct = (value: number, max: number) => `${max > 0 ? (100 * value) / max : 0}%`;

/** Horizontal bars with the value and a link per bar. */
export function BarList({ title, bars, testId }: { title: string; bars: Bar[]; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <Chart label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(", ")}`} testId={testId}>
      {bars.map((b) => {
        return (
          <div key={b.label} className="bar-row">
            <span className="bar-label">{b.label}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: pct(b.value, max), minWidth: b.value > 0 ? 2 : 0, background: TONES[b.tone ?? "neutral"] }} />
            </span>
            <span className="bar-value">{b.value}</span>
          </div>
        );
      })}
    </Chart>
  );
}

/** A documented / undocumented split bar per row. */
export function CoverageBars({ title, rows }: { title: string; rows: Array<{ label: string; documented: number; undocumented: number }> }) {
  const max = Math.max(1, ...rows.map((r) => r.documented + r.undocumented));
  return (
    <Chart label={`${title}: ${rows.map((r) => `${r.label} ${r.documented} documented, ${r.undocumented} undocumented`).join("; ")}`}>
      {rows.map((r) => (
        <div key={r.label} className="bar-row">
          <span className="bar-label">{r.label}</span>
          <span className="bar-track">
            <span className="bar-fill" style={{ width: pct(r.documented, max), background: TONES.ok }} />
            <span className="bar-fill" style={{ width: pct(r.undocumented, max), background: TONES.danger }} />
          </span>
          <span className="bar-value">
            {r.documented}/{r.documented + r.undocumented}
          </span>
        </div>
      ))}
    </Chart>
  );
}

/** A line over days (e.g. documentation coverage %), with min/max labels. */
export function TrendLine({ title, points, unit = "", color = TONES.ok }: { title: string; points: Array<{ day: string; value: number }>; unit?: string; color?: string }) {
  if (points.length === 0) return <p className="muted">No history yet: the first point is written by the daily job.</p>;
  const w = 400;
  const h = 90;
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => (points.length === 1 ? w / 2 : (i * (w - 10)) / (points.length - 1) + 5);
  const y = (v: number) => h - 10 - ((v - min) * (h - 25)) / span;
  const first = points[0]!;
  const last = points.at(-1)!;
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  return (
    <figure style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={`${title}: ${first.value}${unit} on ${first.day}, ${last.value}${unit} on ${last.day} (lowest ${min}${unit}, highest ${max}${unit})`}
        width="100%"
        height={h}
        viewBox={`0 0 ${w} ${h}`}
        preserveAspectRatio="none"
      >
        <path d={path} fill="none" stroke={color} strokeWidth={2} vectorEffect="non-scaling-stroke" />
        <circle cx={x(points.length - 1)} cy={y(last.value)} r={3} fill={color} />
      </svg>
      <figcaption className="muted" style={{ fontSize: "0.85rem" }}>
        {title}: {first.value}
        {unit} on {first.day} → {last.value}
        {unit} on {last.day} ({points.length} days).
      </figcaption>
    </figure>
  );
}

export function Figure({ value, label, href, testId, tone }: { value: number | string; label: string; href: string; testId: string; tone?: keyof typeof TONES }) {
  return (
    <Link
      href={href}
      className="figure"
      data-testid={testId}
      style={{ display: "block", textDecoration: "none", color: "inherit", padding: "0.6rem 0.8rem", border: "1px solid var(--line)", borderRadius: 6, background: "var(--card)" }}
    >
      <span style={{ display: "block", fontSize: "1.8rem", fontWeight: 700, color: tone ? TONES[tone] : undefined }} data-testid={`${testId}-value`}>
        {value}
      </span>
      <span className="muted">{label}</span>
    </Link>
  );
}
