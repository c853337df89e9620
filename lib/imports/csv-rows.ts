// CSV table → RegistryRow[]: one model per key; several lines with the same key add versions.
import { parseCsv, unknownColumns, type CsvColumn } from "./csv";
import type { RegistryRow, VersionRowInput } from "./types";

const MODEL_COLUMNS: Array<[CsvColumn, string]> = [
  ["name", "name"],
  ["lifecycle", "lifecycle"],
  ["description", "description"],
  ["business_unit", "businessUnit"],
  ["business_owner_email", "businessOwnerEmail"],
  ["technical_owner_email", "technicalOwnerEmail"],
  ["intended_purpose", "intendedPurpose"],
  ["foreseeable_misuse", "foreseeableMisuse"],
  ["actor_role", "actorRole"],
  ["public_authority", "publicAuthority"],
  ["environments", "environments"],
  ["next_review_at", "nextReviewAt"],
  ["eu_database_id", "euDatabaseId"],
];
// required fields: an empty cell means "keep what is there" rather than "clear"
const KEEP_WHEN_EMPTY = new Set(["name", "lifecycle", "actorRole", "publicAuthority"]);

const VERSION_COLUMNS: Array<[CsvColumn, keyof VersionRowInput]> = [
  ["registry_uri", "registryUri"],
  ["stage", "stage"],
  ["active", "active"],
  ["training_pipeline_version", "trainingPipelineVersion"],
  ["serving_pipeline_version", "servingPipelineVersion"],
];

function parseBool(raw: string): boolean | string {
  const v = raw.trim().toLowerCase();
  if (["true", "yes", "1", "y"].includes(v)) return true;
  if (["false", "no", "0", "n"].includes(v)) return false;
  return `"${raw}" is not true or false`;
}

export function csvToRows(text: string): { rows: RegistryRow[]; warnings: string[] } {
  const table = parseCsv(text);
  const warnings: string[] = [];
  const unknown = unknownColumns(table.header);
  if (unknown.length) warnings.push(`Ignored unknown column(s): ${unknown.join(", ")}.`);
  const col = new Map(table.header.map((h, i) => [h, i]));
  if (!col.has("key")) return { rows: [], warnings: [...warnings, 'The header has no "key" column.'] };
  const cell = (cells: string[], name: CsvColumn): string | undefined => {
    const i = col.get(name);
    return i === undefined ? undefined : (cells[i] ?? "").trim();
  };

  const byKey = new Map<string, RegistryRow & { firstLine: Map<string, number> }>();
  const out: Array<RegistryRow & { firstLine: Map<string, number> }> = [];
  for (const { line, cells } of table.rows) {
    const key = cell(cells, "key") ?? "";
    let row = byKey.get(key);
    if (!row || key === "") {
      row = { ref: `line ${line}`, key, fields: {}, versions: [], problems: [], firstLine: new Map() };
      if (key === "") row.problems.push("The key is empty.");
      else byKey.set(key, row);
      out.push(row);
    } else {
      row.ref = `${row.ref}, ${line}`;
    }
    if (cells.length !== table.header.length) row.problems.push(`Line ${line} has ${cells.length} cells, the header ${table.header.length}.`);
    for (const [column, field] of MODEL_COLUMNS) {
      const raw = cell(cells, column);
      if (raw === undefined) continue;
      let value: unknown = raw;
      if (raw === "") {
        // present but empty: clears optional fields unless another line of this key gives a value
        if (!(field in row.fields) && !KEEP_WHEN_EMPTY.has(field)) row.fields[field] = field === "environments" ? [] : null;
        continue;
      }
      if (field === "publicAuthority") {
        const b = parseBool(raw);
        if (typeof b === "string") {
          row.problems.push(`public_authority: ${b}.`);
          continue;
        }
        value = b;
      } else if (field === "environments") {
        value = raw
          .split(";")
          .map((s) => s.trim())
          .filter(Boolean);
      } else if (field === "lifecycle" || field === "actorRole") {
        value = raw.toUpperCase();
      }
      const seenAt = row.firstLine.get(field);
      if (seenAt !== undefined && JSON.stringify(row.fields[field]) !== JSON.stringify(value)) {
        row.problems.push(`${column} on line ${line} differs from line ${seenAt} of the same key.`);
        continue;
      }
      row.fields[field] = value;
      row.firstLine.set(field, line);
    }
    const version = cell(cells, "version");
    if (version) {
      const v: VersionRowInput = { version };
      for (const [column, field] of VERSION_COLUMNS) {
        const raw = cell(cells, column);
        if (raw === undefined) continue;
        if (field === "active") {
          if (raw === "") continue;
          const b = parseBool(raw);
          if (typeof b === "string") row.problems.push(`active on line ${line}: ${b}.`);
          else v.active = b;
        } else {
          (v as Record<string, unknown>)[field] = raw === "" ? null : raw;
        }
      }
      if (row.versions.some((x) => x.version === version)) row.problems.push(`Version "${version}" appears twice (line ${line}).`);
      row.versions.push(v);
    } else if (VERSION_COLUMNS.some(([c]) => cell(cells, c))) {
      row.problems.push(`Line ${line} fills version columns without a version.`);
    }
  }
  return { rows: out.map(({ firstLine: _firstLine, ...r }) => r), warnings };
}
