// The inventory report's model table as CSV (RFC 4180, UTF-8, CRLF). One row per production model that
// matches the filters; the headline counts are in the JSON and the PDF. Pure.
import type { InventoryReportData } from "./types";

export const INVENTORY_CSV_COLUMNS = [
  "key",
  "name",
  "business_unit",
  "lifecycle",
  "risk_class",
  "completeness",
  "undocumented",
  "monitoring_status",
  "business_owner",
  "technical_owner",
  "flags",
  "missing_items",
] as const;

/** Quote when needed; neutralise spreadsheet formulas (a cell starting with = + - @ is prefixed with '). */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function inventoryCsv(data: InventoryReportData): string {
  const lines = [INVENTORY_CSV_COLUMNS.join(",")];
  for (const m of data.models) {
    lines.push(
      [
        m.key,
        m.name,
        m.businessUnit,
        m.lifecycle,
        m.riskClass,
        m.completeness,
        m.undocumented,
        m.monitoringStatus,
        m.businessOwner ? `${m.businessOwner.name} <${m.businessOwner.email ?? ""}>` : null,
        m.technicalOwner ? `${m.technicalOwner.name} <${m.technicalOwner.email ?? ""}>` : null,
        m.flags.join(" "),
        m.missing.map((i) => `${i.id} [${i.status}] (${i.article})`).join("; "),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
