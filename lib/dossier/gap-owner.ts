// Who has to close a gap. Technical items (data, bias, monitoring, rollback, pipelines, the technical
// Annex IV sections) go to the technical owner, governance items to the business owner; when that
// owner is missing the other one gets it, and with neither the compliance officer must assign one.
// Pure: used by the dossier's Gaps section and the inventory report.
import type { Person } from "./types";

const TECHNICAL_ITEM = /^(MLOPS_|HR_P_DATA_|HR_P_BIAS_|HR_P_LOGGING|HR_P_ACCURACY|HR_D_INPUT_DATA|HR_D_MONITORING|HR_D_LOG_RETENTION|GPAI_TECHNICAL|GPAI_SYSTEMIC|TRANSPARENCY_CONTENT_MARKING)/;
const TECHNICAL_SECTION = /^annex-iv-(2|3|4|6|9)-/;

export function gapOwner(item: { id: string; sectionKey?: string }, owners: { business: Person | null; technical: Person | null }): string {
  if (item.id === "ACCOUNTABLE_OWNERS") return "Compliance officer (assign the missing owner)";
  const technical = TECHNICAL_ITEM.test(item.id) || (item.sectionKey !== undefined && TECHNICAL_SECTION.test(item.sectionKey));
  const order = technical ? (["technical", "business"] as const) : (["business", "technical"] as const);
  for (const slot of order) {
    const person = owners[slot];
    if (person) return `${person.name} (${slot} owner)`;
  }
  return "Unassigned: compliance officer to assign an owner";
}
