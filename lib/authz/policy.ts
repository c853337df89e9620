// Authorization in one place: the PRODUCT.md permission table as code. Every page, server action
// and API handler asks `can(...)` (or `assertCan(...)`) and scopes its reads with the `where`
// builders below. proxy.ts only redirects for comfort; this module is the gate.
import { Role } from "../generated/prisma/enums";
import { AppError } from "../errors";

export { Role };
export const ROLES = Object.values(Role);

export type Actor = { id: string; role: Role };
export type OwnedModel = { businessOwnerId: string | null; technicalOwnerId: string | null };

export type Action =
  | "inventory.read" // models, datasets, reports, dossiers
  | "model.create"
  | "model.edit" // the model, its versions, documentation, bias assessments, incidents, monitoring config
  | "model.classify.propose"
  | "model.classify.confirm"
  | "review.submit"
  | "review.decide"
  | "auditLog.read"
  | "auditLog.reanchor" // acknowledge legacy hash mismatches in an audited event (never a rewrite)
  | "dataset.create"
  | "dataset.edit"
  | "users.manage"
  | "settings.manage"
  | "tokens.manage"
  | "models.bulkFollowUp"; // assign owners, set review dates, request updates for many models at once

/** Resource each action is checked against (when it has one). */
export type Resource =
  { kind: "model"; model: OwnedModel } | { kind: "review"; model: OwnedModel; submittedById: string } | { kind: "dataset"; ownerId: string | null } | { kind: "token"; ownerId: string };

const STAFF: ReadonlySet<Role> = new Set([Role.ADMIN, Role.COMPLIANCE_OFFICER]);

export const ownsModel = (actor: Actor, model: OwnedModel) => model.businessOwnerId === actor.id || model.technicalOwnerId === actor.id;

const isStaff = (actor: Actor) => STAFF.has(actor.role);
const isOwnerRole = (actor: Actor) => actor.role === Role.MODEL_OWNER;

/**
 * May `actor` do `action` (on `resource`)? Actions on a specific model need the resource: without
 * it the answer is "could this role ever do it" (used to show or hide navigation).
 */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  switch (action) {
    case "inventory.read":
      return true;
    case "model.create":
      return isStaff(actor) || isOwnerRole(actor);
    case "model.edit":
    case "review.submit":
      if (isStaff(actor)) return true;
      if (!isOwnerRole(actor)) return false;
      return resource === undefined || (hasModel(resource) && ownsModel(actor, resource.model));
    case "model.classify.propose":
      if (isStaff(actor)) return true;
      return isOwnerRole(actor) && (resource === undefined || (hasModel(resource) && ownsModel(actor, resource.model)));
    case "model.classify.confirm":
    case "models.bulkFollowUp":
      return isStaff(actor);
    case "review.decide":
      // four eyes: never the submitter
      if (!isStaff(actor)) return false;
      return resource === undefined || (resource.kind === "review" && resource.submittedById !== actor.id);
    case "auditLog.read":
      if (isStaff(actor) || actor.role === Role.AUDITOR) return true;
      if (!isOwnerRole(actor)) return false;
      // owners read the history of their own models only
      return resource === undefined || (hasModel(resource) && ownsModel(actor, resource.model));
    case "dataset.create":
      return isStaff(actor) || isOwnerRole(actor);
    case "dataset.edit":
      if (isStaff(actor)) return true;
      return isOwnerRole(actor) && (resource === undefined || (resource.kind === "dataset" && resource.ownerId === actor.id));
    case "users.manage":
    case "settings.manage":
    case "auditLog.reanchor":
      return actor.role === Role.ADMIN;
    case "tokens.manage":
      if (actor.role === Role.ADMIN) return true;
      if (actor.role === Role.COMPLIANCE_OFFICER || isOwnerRole(actor)) {
        return resource === undefined || (resource.kind === "token" && resource.ownerId === actor.id);
      }
      return false;
  }
}

function hasModel(resource: Resource): resource is Extract<Resource, { model: OwnedModel }> {
  return resource.kind === "model" || resource.kind === "review";
}

/** Throws FORBIDDEN unless `can(...)`. */
export function assertCan(actor: Actor, action: Action, resource?: Resource): void {
  if (!can(actor, action, resource)) {
    throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not perform ${action} here.`);
  }
}

/** Which audit events the actor may read: all, those of the models they own, or none. */
export function auditLogScope(actor: Actor): "ALL" | "OWN_MODELS" | "NONE" {
  if (isStaff(actor) || actor.role === Role.AUDITOR) return "ALL";
  if (isOwnerRole(actor)) return "OWN_MODELS";
  return "NONE";
}

/** Prisma `where` for models the actor may edit. */
export function editableModelsWhere(actor: Actor) {
  if (isStaff(actor)) return {};
  if (isOwnerRole(actor)) return { OR: [{ businessOwnerId: actor.id }, { technicalOwnerId: actor.id }] };
  return { id: { in: [] as string[] } };
}

/** Portal navigation per role (the server still checks every page). */
export function navigationFor(actor: Actor): Array<{ href: string; label: string }> {
  const items = [
    // each role's start page (lib/home): an owner's models, an officer's worklist, an auditor's entry points
    ...(actor.role === "EXECUTIVE" ? [] : [{ href: "/home", label: actor.role === "MODEL_OWNER" ? "My models" : actor.role === "AUDITOR" ? "Home" : "Worklist" }]),
    { href: "/dashboard", label: "Overview" },
    { href: "/models", label: "Inventory" },
    { href: "/reports", label: "Reports" },
    { href: "/datasets", label: "Datasets" },
    { href: "/rules", label: "Rules" },
  ];
  if (can(actor, "review.decide")) items.push({ href: "/reviews", label: "Reviews" });
  if (can(actor, "auditLog.read")) items.push({ href: "/audit-log", label: "Audit log" });
  if (can(actor, "model.create")) items.push({ href: "/imports", label: "Import" });
  if (can(actor, "users.manage")) items.push({ href: "/admin/users", label: "Users" });
  if (can(actor, "tokens.manage")) items.push({ href: "/admin/tokens", label: "API tokens" });
  items.push({ href: "/inbox", label: "Inbox" });
  items.push({ href: "/api-docs", label: "API docs" });
  return items;
}

// ---------- API credentials: scopes and a model limit on top of the user's role ----------

export type ApiScope = "read" | "write" | "monitoring";

/**
 * What an API credential allows beyond its user's role: the scopes it carries and, optionally, the
 * model keys it is limited to (null = no limit). A portal session has every scope and no limit.
 */
export type CredentialLimits = { scopes: ReadonlySet<ApiScope>; modelKeys: ReadonlySet<string> | null };

/** Throws FORBIDDEN unless the credential carries `scope` (and, when given, covers `modelKey`). */
export function assertCredentialAllows(limits: CredentialLimits, scope: ApiScope, modelKey?: string): void {
  if (!limits.scopes.has(scope)) throw new AppError("FORBIDDEN", `This token lacks the "${scope}" scope.`);
  if (modelKey && limits.modelKeys && !limits.modelKeys.has(modelKey)) {
    throw new AppError("FORBIDDEN", `This token is limited to other models than "${modelKey}".`);
  }
}

/** Throws FORBIDDEN when a credential limited to some models asks for `what`, which covers all of them. */
export function assertCoversAllModels(limits: CredentialLimits, what: string): void {
  if (limits.modelKeys) throw new AppError("FORBIDDEN", `This token is limited to some models; ${what} covers all of them.`);
}

/**
 * The `where` that keeps a credential's reads of model-owned rows (dossier records, checks, …) to its
 * model keys, for a relation named `model`: applied in SQL, before any limit, so a limited token gets
 * full pages. Rows without a model are outside a limited credential's reach.
 */
export function credentialModelWhere(limits: Pick<CredentialLimits, "modelKeys">): { model?: { key: { in: string[] } } } {
  return limits.modelKeys ? { model: { key: { in: [...limits.modelKeys] } } } : {};
}
