// `npm run licences`: is every dependency's licence compatible with Dossier's Apache-2.0?
// Reads package-lock.json (what `npm ci` installs), so it needs no network. A package whose lock
// entry has no licence is looked up in its installed package.json / LICENSE file.
// - permissive (MIT, BSD, ISC, Apache-2.0, ...): compatible;
// - weak copyleft (LGPL, MPL): compatible as used here (separate, unmodified, dynamically loaded
//   libraries), listed so that whoever redistributes Dossier sees them;
// - anything else (GPL, AGPL, SSPL, unknown): incompatible → listed, exit code 1.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const PERMISSIVE = new Set(["MIT", "MIT-0", "ISC", "BSD-2-Clause", "BSD-3-Clause", "0BSD", "Apache-2.0", "BlueOak-1.0.0", "CC0-1.0", "CC-BY-4.0", "Python-2.0", "OFL-1.1", "Unlicense", "Zlib"]);
const WEAK_COPYLEFT = new Set(["LGPL-3.0-or-later", "LGPL-3.0-only", "LGPL-2.1-or-later", "LGPL-2.1-only", "MPL-2.0"]);

type LockEntry = { version?: string; license?: string; dev?: boolean; optional?: boolean };
type Verdict = "permissive" | "weak-copyleft" | "incompatible";

/** An SPDX expression's verdict: OR takes the best alternative, AND the worst part. */
export function verdictOf(expression: string): Verdict {
  const rank: Verdict[] = ["permissive", "weak-copyleft", "incompatible"];
  const alternatives = expression.replace(/[()]/g, "").split(/\s+OR\s+/);
  const worstOf = (ids: string[]) => ids.map((id) => (PERMISSIVE.has(id) ? 0 : WEAK_COPYLEFT.has(id) ? 1 : 2)).reduce((a: number, b: number) => Math.max(a, b), 0);
  return rank[Math.min(...alternatives.map((alt) => worstOf(alt.split(/\s+AND\s+/).map((s) => s.trim()))))]!;
}

function licenceOf(path: string, entry: LockEntry): string {
  if (entry.license) return entry.license;
  const manifest = join(path, "package.json");
  if (existsSync(manifest)) {
    const declared = (JSON.parse(readFileSync(manifest, "utf8")) as { license?: string }).license;
    if (declared) return declared;
  }
  const file = ["LICENSE", "LICENSE.md", "LICENSE.txt"].map((f) => join(path, f)).find(existsSync);
  if (file && /^\s*(The )?MIT License/i.test(readFileSync(file, "utf8"))) return "MIT";
  // old packages state it only in the README's licence section, e.g. "## License\n\n(The MIT License)"
  const readme = ["Readme.md", "README.md", "readme.md"].map((f) => join(path, f)).find(existsSync);
  if (readme && /^#+\s*Licen[sc]e\s*\n+\s*\(?(The )?MIT License\)?/im.test(readFileSync(readme, "utf8"))) return "MIT";
  return "UNKNOWN";
}

function main(): number {
  const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, LockEntry> };
  const rows = Object.entries(lock.packages)
    .filter(([path]) => path !== "")
    .map(([path, entry]) => {
      const licence = licenceOf(path, entry);
      return {
        name: path.replace(/^.*node_modules\//, ""),
        version: entry.version ?? "",
        licence,
        verdict: verdictOf(licence),
        scope: `${entry.dev ? "dev" : "runtime"}${entry.optional ? ", optional" : ""}`,
      };
    });
  const counts = Object.fromEntries((["permissive", "weak-copyleft", "incompatible"] as const).map((v) => [v, rows.filter((r) => r.verdict === v).length]));
  console.log(`licences of ${rows.length} packages: ${JSON.stringify(counts)}`);
  for (const verdict of ["weak-copyleft", "incompatible"] as const) {
    const listed = rows.filter((r) => r.verdict === verdict);
    if (listed.length) console.log(`\n${verdict}:\n${listed.map((r) => `  ${r.name}@${r.version}  ${r.licence}  (${r.scope})`).join("\n")}`);
  }
  return counts.incompatible ? 1 : 0;
}

if (process.argv[1]?.endsWith("check-licences.ts")) process.exit(main());
