// Roles from the identity provider: pure functions, so the rules are unit-tested without a provider.
import { Role } from "../generated/prisma/enums";
import type { OidcConfig } from "../env";

/** Most privileged first: several matching groups give the first of these that any group maps to. */
export const ROLE_PRIVILEGE_ORDER: readonly Role[] = [Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.MODEL_OWNER, Role.AUDITOR, Role.EXECUTIVE];

const MAX_GROUPS = 500;
const MAX_GROUP_LENGTH = 500;

/**
 * The values of the role claim (dotted path, e.g. `realm_access.roles`), as strings. A single string
 * counts as one group; anything else (numbers, objects) is ignored rather than guessed at.
 */
export function groupsFromClaims(claims: Record<string, unknown>, claimPath: string): string[] {
  let value: unknown = claims;
  for (const part of claimPath.split(".")) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
    value = (value as Record<string, unknown>)[part];
  }
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  return list.filter((g): g is string => typeof g === "string" && g.length > 0 && g.length <= MAX_GROUP_LENGTH && !g.includes("\u0000")).slice(0, MAX_GROUPS);
}

export type RoleDecision = { role: Role; via: "group" | "default"; matchedGroups: string[] } | { role: null; via: "none"; matchedGroups: [] };

/** The role for these groups: the most privileged mapped role, else the default role, else none (refused). */
export function roleForGroups(groups: readonly string[], config: Pick<OidcConfig, "roleMap" | "defaultRole">): RoleDecision {
  const have = new Set(groups);
  const matches = config.roleMap.filter(([group]) => have.has(group));
  if (matches.length > 0) {
    const roles = new Set(matches.map(([, role]) => role));
    const role = ROLE_PRIVILEGE_ORDER.find((r) => roles.has(r))!;
    return { role, via: "group", matchedGroups: matches.map(([g]) => g) };
  }
  if (config.defaultRole) return { role: config.defaultRole, via: "default", matchedGroups: [] };
  return { role: null, via: "none", matchedGroups: [] };
}
