// CSV import: an RFC 4180 parser (quoted fields, doubled quotes, CRLF or LF, embedded newlines) and the
// documented columns. Written here rather than pulled from npm: the grammar is small, and owning it
// lets every error point at a line number the user can find in their spreadsheet.

export type CsvTable = { header: string[]; rows: Array<{ line: number; cells: string[] }> };

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

// where an unquoted field's text ends
const SPECIAL = /[",\r\n]/g;

/** Parse RFC 4180 text. A UTF-8 BOM is ignored; blank lines are skipped; `line` is where a record starts. */
export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let fieldStarted = false;
  const endRecord = () => {
    cells.push(field);
    // a blank line is no record; a line with only `""` or `,` is one
    if (!(cells.length === 1 && cells[0] === "" && !fieldStarted)) records.push({ line: recordLine, cells });
    cells = [];
    field = "";
    fieldStarted = false;
  };
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"' && field === "" && !fieldStarted) {
      // quoted field: runs to the next lone quote
      fieldStarted = true;
      i++;
      // slices between quotes rather than a character at a time (a 10,000-row file spent ~1 s here)
      for (;;) {
        const quote = src.indexOf('"', i);
        if (quote < 0) throw new CsvSyntaxError(recordLine, "a quoted field is not closed.");
        const text = src.slice(i, quote);
        for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", nl + 1)) line++;
        field += text;
        if (src[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new CsvSyntaxError(line, "unexpected text after a closing quote (quote the whole field and double inner quotes).");
      }
      continue;
    }
    if (ch === ",") {
      cells.push(field);
      field = "";
      // a comma starts a new, still untouched field (it may open with a quote)
      fieldStarted = false;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && src[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (ch === '"') throw new CsvSyntaxError(line, "a quote inside an unquoted field (quote the whole field and double inner quotes).");
    SPECIAL.lastIndex = i;
    const end = SPECIAL.exec(src)?.index ?? src.length;
    field += src.slice(i, end);
    fieldStarted = true;
    i = end;
  }
  if (field !== "" || cells.length > 0 || fieldStarted) endRecord();
  const [head, ...rows] = records;
  if (!head) return { header: [], rows: [] };
  return { header: head.cells.map((h) => h.trim().toLowerCase()), rows };
}

/** Quote a value for CSV output when it needs it. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The documented columns. Only `key` is required in every file; `name` and `lifecycle` are required for
 * a model that does not exist yet. A column left out of the file leaves that field alone; an empty cell
 * in a column that is present clears the field (for optional fields).
 */
export const CSV_COLUMNS = [
  { name: "key", help: "stable slug: 1-80 lowercase letters, digits, hyphens (required)" },
  { name: "name", help: "display name (required for a new model)" },
  { name: "lifecycle", help: "DEVELOPMENT | VALIDATION | PRODUCTION | RETIRED (required for a new model)" },
  { name: "description", help: "free text" },
  { name: "business_unit", help: "name of the business unit; created when new" },
  { name: "business_owner_email", help: "email of an active user" },
  { name: "technical_owner_email", help: "email of an active user" },
  { name: "intended_purpose", help: "free text" },
  { name: "foreseeable_misuse", help: "free text" },
  { name: "actor_role", help: "PROVIDER | DEPLOYER | IMPORTER | DISTRIBUTOR" },
  { name: "public_authority", help: "true | false" },
  { name: "environments", help: "names separated by ';'" },
  { name: "next_review_at", help: "date, YYYY-MM-DD" },
  { name: "eu_database_id", help: "EU database registration id" },
  { name: "version", help: "a version of the model; the version columns below apply to it" },
  { name: "registry_uri", help: "e.g. models:/fraud/7" },
  { name: "stage", help: "registry stage or alias, free text" },
  { name: "active", help: "true = the version currently serving (at most one per model)" },
  { name: "training_pipeline_version", help: "" },
  { name: "serving_pipeline_version", help: "" },
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number]["name"];
const KNOWN = new Set<string>(CSV_COLUMNS.map((c) => c.name));

export function unknownColumns(header: string[]): string[] {
  return header.filter((h) => !KNOWN.has(h));
}

/** The downloadable template: the header and two example rows. */
export function csvTemplate(): string {
  const header = CSV_COLUMNS.map((c) => c.name);
  const examples: Array<Partial<Record<CsvColumn, string>>> = [
    {
      key: "retail-churn-propensity",
      name: "Retail churn propensity",
      lifecycle: "PRODUCTION",
      description: "Scores customers' likelihood to leave, for retention offers",
      business_unit: "Retail Banking",
      business_owner_email: "owner@example.com",
      technical_owner_email: "",
      intended_purpose: "Prioritise retention calls; no automated decisions",
      actor_role: "DEPLOYER",
      public_authority: "false",
      environments: "prod-eu;staging",
      next_review_at: "2027-03-31",
      version: "12",
      registry_uri: "models:/retail-churn/12",
      stage: "Production",
      active: "true",
      training_pipeline_version: "train-2.4.1",
      serving_pipeline_version: "serve-2.4.1",
    },
    { key: "retail-churn-propensity", version: "11", registry_uri: "models:/retail-churn/11", stage: "Archived", active: "false" },
  ];
  const lines = [header.join(","), ...examples.map((row) => header.map((h) => csvCell(row[h as CsvColumn] ?? "")).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
