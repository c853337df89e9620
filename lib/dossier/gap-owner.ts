// Who has to close a gap. The catalogue entry names the owner (`owner`); when that owner is missing the
// other one gets it, and with neither the compliance officer must assign one. The compliance officer's
// own item is assigning the missing owners (ACCOUNTABLE_OWNERS).
// Pure: used by the dossier's Gaps section and the inventory report.
import { REQUIREMENTS_BY_ID } from "../compliance";
import type { Person } from "./types";

export function gapOwner(item: { id: string }, owners: { business: Person | null; technical: Person | null }): string {
  const owner = REQUIREMENTS_BY_ID.get(item.id)?.owner ?? "business-owner";
  if (owner === "compliance-officer") return "Compliance officer (assign the missing owner)";
  const order = owner === "technical-owner" ? (["technical", "business"] as const) : (["business", "technical"] as const);
  for (const slot of order) {
    const person = owners[slot];
    if (person) return `${person.name} (${slot} owner)`;
  }
  return "Unassigned: compliance officer to assign an owner";
}
