import { describe, expect, it } from "vitest";
import { can, editableModelsWhere, navigationFor, type Action, type Actor, type Resource } from "@/lib/authz/policy";
import { Role } from "@/lib/generated/prisma/enums";

const actor = (role: Role, id = `${role.toLowerCase()}-id`): Actor => ({ id, role });
const ROLES = [Role.ADMIN, Role.COMPLIANCE_OFFICER, Role.MODEL_OWNER, Role.EXECUTIVE, Role.AUDITOR] as const;

// The PRODUCT.md permission table, row by row, for a model the model owner owns ("own") and one
// they do not ("other"). Y = allowed, N = refused.
const own: Resource = { kind: "model", model: { businessOwnerId: "model_owner-id", technicalOwnerId: null } };
const other: Resource = { kind: "model", model: { businessOwnerId: "someone-else", technicalOwnerId: "another" } };

type Row = { action: Action; resource?: Resource; expected: Record<Role, boolean>; label: string };
const Y = true;
const N = false;
const row = (label: string, action: Action, resource: Resource | undefined, a: boolean, c: boolean, o: boolean, e: boolean, u: boolean): Row => ({
  label,
  action,
  resource,
  expected: { ADMIN: a, COMPLIANCE_OFFICER: c, MODEL_OWNER: o, EXECUTIVE: e, AUDITOR: u },
});

const TABLE: Row[] = [
  row("read inventory, models, datasets, reports", "inventory.read", undefined, Y, Y, Y, Y, Y),
  row("create model", "model.create", undefined, Y, Y, Y, N, N),
  row("edit own model", "model.edit", own, Y, Y, Y, N, N),
  row("edit another's model", "model.edit", other, Y, Y, N, N, N),
  row("propose classification of own model", "model.classify.propose", own, Y, Y, Y, N, N),
  row("propose classification of another's model", "model.classify.propose", other, Y, Y, N, N, N),
  row("confirm classification", "model.classify.confirm", own, Y, Y, N, N, N),
  row("submit own model for review", "review.submit", own, Y, Y, Y, N, N),
  row("submit another's model for review", "review.submit", other, Y, Y, N, N, N),
  row("read audit log of own model", "auditLog.read", own, Y, Y, Y, N, Y),
  row("read audit log of another's model", "auditLog.read", other, Y, Y, N, N, Y),
  row("create dataset", "dataset.create", undefined, Y, Y, Y, N, N),
  row("manage users", "users.manage", undefined, Y, N, N, N, N),
  row("manage settings", "settings.manage", undefined, Y, N, N, N, N),
  row("bulk follow-up on a filtered inventory (owners, review dates, update requests)", "models.bulkFollowUp", undefined, Y, Y, N, N, N),
];

describe("policy: the PRODUCT.md permission table", () => {
  for (const r of TABLE) {
    for (const role of ROLES) {
      it(`${r.label}: ${role} → ${r.expected[role] ? "allowed" : "refused"}`, () => {
        expect(can(actor(role), r.action, r.resource)).toBe(r.expected[role]);
      });
    }
  }
});

describe("policy: reviews are four-eyes", () => {
  const review = (submittedById: string): Resource => ({ kind: "review", model: own.kind === "model" ? own.model : { businessOwnerId: null, technicalOwnerId: null }, submittedById });
  it.each(ROLES)("%s may decide someone else's submission only as admin or officer", (role) => {
    expect(can(actor(role), "review.decide", review("someone-else"))).toBe(role === Role.ADMIN || role === Role.COMPLIANCE_OFFICER);
  });
  it.each([Role.ADMIN, Role.COMPLIANCE_OFFICER])("%s may never approve their own submission", (role) => {
    const me = actor(role);
    expect(can(me, "review.decide", review(me.id))).toBe(false);
  });
});

describe("policy: API tokens", () => {
  const mine = (a: Actor): Resource => ({ kind: "token", ownerId: a.id });
  const theirs: Resource = { kind: "token", ownerId: "someone-else" };
  it.each(ROLES)("%s and their own tokens", (role) => {
    const a = actor(role);
    expect(can(a, "tokens.manage", mine(a))).toBe(role !== Role.EXECUTIVE && role !== Role.AUDITOR);
  });
  it.each(ROLES)("%s and someone else's tokens", (role) => {
    expect(can(actor(role), "tokens.manage", theirs)).toBe(role === Role.ADMIN);
  });
});

describe("policy: datasets", () => {
  it("an owner edits only the datasets they own", () => {
    const o = actor(Role.MODEL_OWNER);
    expect(can(o, "dataset.edit", { kind: "dataset", ownerId: o.id })).toBe(true);
    expect(can(o, "dataset.edit", { kind: "dataset", ownerId: "x" })).toBe(false);
    expect(can(actor(Role.EXECUTIVE), "dataset.edit", { kind: "dataset", ownerId: "x" })).toBe(false);
  });
});

describe("policy: scoping and navigation", () => {
  it("scopes an owner's editable models to those they own", () => {
    expect(editableModelsWhere(actor(Role.MODEL_OWNER, "u1"))).toEqual({ OR: [{ businessOwnerId: "u1" }, { technicalOwnerId: "u1" }] });
    expect(editableModelsWhere(actor(Role.ADMIN))).toEqual({});
    expect(editableModelsWhere(actor(Role.EXECUTIVE))).toEqual({ id: { in: [] } });
  });
  it("shows admin pages to admins only and the audit log to those who may read it", () => {
    const labels = (role: Role) => navigationFor(actor(role)).map((i) => i.label);
    expect(labels(Role.ADMIN)).toContain("Users");
    expect(labels(Role.COMPLIANCE_OFFICER)).not.toContain("Users");
    expect(labels(Role.EXECUTIVE)).not.toContain("Audit log");
    expect(labels(Role.AUDITOR)).toContain("Audit log");
    for (const role of ROLES) expect(labels(role)).toContain("Inventory");
  });
});
