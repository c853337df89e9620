// Plain SVG charts. Each is role="img" with an aria-label that states the numbers; the page puts the
// same numbers in a table or text next to it, so nothing is only in the picture.
import Link from "next/link";

export type Bar = { label: string; value: number; href?: string; tone?: "ok" | "warn" | "danger" | "neutral" };
const TONES = { ok: "#2f855a", warn: "#b7791f", danger: "#c53030", neutral: "#718096" } as const;

/** Horizontal bars with the value and a link per bar. */
export function BarList({ title, bars, testId }: { title: string; bars: Bar[]; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 26;
  const label = `${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(", ")}`;
  return (
    <svg role="img" aria-label={label} width="100%" height={bars.length * rowH} viewBox={`0 0 400 ${bars.length * rowH}`} preserveAspectRatio="none" data-testid={testId}>
      {bars.map((b, i) => {
        const w = Math.round((260 * b.value) / max);
        const bar = (
          <g key={b.label}>
            <text x={0} y={i * rowH + 17} fontSize={12} fill="#16202c">{b.label}</text>
            <rect x={130} y={i * rowH + 5} width={Math.max(w, b.value > 0 ? 2 : 0)} height={16} rx={2} fill={TONES[b.tone ?? "neutral"]} />
            <text x={136 + w} y={i * rowH + 17} fontSize={12} fill="#16202c">{b.value}</text>
          </g>
        );
        return b.href ? <a key={b.label} href={b.href}>{bar}</a> : bar;
      })}
    </svg>
  );
}

/** A documented / undocumented split bar per row. */
export function CoverageBars({ title, rows }: { title: string; rows: Array<{ label: string; documented: number; undocumented: number; hrefDocumented: string; hrefUndocumented: string }> }) {
  const max = Math.max(1, ...rows.map((r) => r.documented + r.undocumented));
  const rowH = 26;
  const label = `${title}: ${rows.map((r) => `${r.label} ${r.documented} documented, ${r.undocumented} undocumented`).join("; ")}`;
  return (
    <svg role="img" aria-label={label} width="100%" height={rows.length * rowH} viewBox={`0 0 400 ${rows.length * rowH}`} preserveAspectRatio="none">
      {rows.map((r, i) => {
        const wd = Math.round((250 * r.documented) / max);
        const wu = Math.round((250 * r.undocumented) / max);
        return (
          <g key={r.label}>
            <text x={0} y={i * rowH + 17} fontSize={12} fill="#16202c">{r.label}</text>
            <a href={r.hrefDocumented}><rect x={140} y={i * rowH + 5} width={wd} height={16} fill={TONES.ok} /></a>
            <a href={r.hrefUndocumented}><rect x={140 + wd} y={i * rowH + 5} width={wu} height={16} fill={TONES.danger} /></a>
            <text x={146 + wd + wu} y={i * rowH + 17} fontSize={12} fill="#16202c">{r.documented}/{r.documented + r.undocumented}</text>
          </g>
        );
      })}
    </svg>
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
      <svg role="img" aria-label={`${title}: ${first.value}${unit} on ${first.day}, ${last.value}${unit} on ${last.day} (lowest ${min}${unit}, highest ${max}${unit})`} width="100%" height={h} viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none">
        <path d={path} fill="none" stroke={color} strokeWidth={2} vectorEffect="non-scaling-stroke" />
        <circle cx={x(points.length - 1)} cy={y(last.value)} r={3} fill={color} />
      </svg>
      <figcaption className="muted" style={{ fontSize: "0.85rem" }}>
        {title}: {first.value}{unit} on {first.day} → {last.value}{unit} on {last.day} ({points.length} days).
      </figcaption>
    </figure>
  );
}

export function Figure({ value, label, href, testId, tone }: { value: number | string; label: string; href: string; testId: string; tone?: keyof typeof TONES }) {
  return (
    <Link href={href} className="figure" data-testid={testId} style={{ display: "block", textDecoration: "none", color: "inherit", padding: "0.6rem 0.8rem", border: "1px solid var(--line)", borderRadius: 6, background: "var(--card)" }}>
      <span style={{ display: "block", fontSize: "1.8rem", fontWeight: 700, color: tone ? TONES[tone] : undefined }} data-testid={`${testId}-value`}>
        {value}
      </span>
      <span className="muted">{label}</span>
    </Link>
  );
}
