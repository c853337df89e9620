import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createModel, updateModel, type ModelActor } from "@/lib/models/mutations";
import { verifyAuditChain } from "@/lib/audit-log/queries";
import { createFirstAdmin } from "@/lib/users/users";
import { actorOf, rejection } from "../support/actors";

let owner: ModelActor;
let otherOwnerModelKey: string;
let exec: ModelActor;
let admin: ModelActor;
const run = Date.now().toString(36);
const key = (name: string) => `test-${name}-${run}`;

beforeAll(async () => {
  owner = await actorOf("owner@northwind.example");
  exec = await actorOf("exec@northwind.example");
  admin = await actorOf("admin@northwind.example");
  const notOwned = await prisma.model.findFirstOrThrow({ where: { businessOwnerId: { not: owner.id }, technicalOwnerId: { not: owner.id } } });
  otherOwnerModelKey = notOwned.key;
});
afterAll(() => prisma.$disconnect());

describe("creating a model", () => {
  it("lets an owner register a model and makes them accountable for it", async () => {
    const model = await createModel({ actor: owner, input: { key: key("created"), name: "Integration model", lifecycle: "DEVELOPMENT", businessUnit: "Retail Banking" } });
    expect(model.technicalOwnerId).toBe(owner.id);
    const events = await prisma.auditEvent.findMany({ where: { modelId: model.id } });
    expect(events.map((e) => e.action)).toEqual(["model.create"]);
  });

  it("refuses an executive", async () => {
    const e = await rejection(createModel({ actor: exec, input: { key: key("exec"), name: "Nope", lifecycle: "DEVELOPMENT" } }));
    expect(e.code).toBe("FORBIDDEN");
    expect(await prisma.model.count({ where: { key: key("exec") } })).toBe(0);
  });

  it("answers bad input with field errors and writes nothing", async () => {
    const e = await rejection(createModel({ actor: owner, input: { key: "Bad Key!", name: "", lifecycle: "SOMEDAY", businessOwnerEmail: "nobody@nowhere.example" } }));
    expect(e.code).toBe("VALIDATION");
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["key", "lifecycle", "name"]);
    const unknownOwner = await rejection(createModel({ actor: owner, input: { key: key("ghost"), name: "Ghost", lifecycle: "DEVELOPMENT", businessOwnerEmail: "nobody@nowhere.example" } }));
    expect(unknownOwner.fieldErrors?.businessOwnerEmail?.[0]).toMatch(/No active user/);
    expect(await prisma.model.count({ where: { key: key("ghost") } })).toBe(0);
  });

  it("refuses a duplicate key with a conflict", async () => {
    const e = await rejection(createModel({ actor: admin, input: { key: key("created"), name: "Again", lifecycle: "DEVELOPMENT" } }));
    expect(e.code).toBe("CONFLICT");
    expect(e.fieldErrors?.key).toBeDefined();
  });
});

describe("editing a model", () => {
  it("refuses a stale revision and overwrites nothing (optimistic locking)", async () => {
    const k = key("locking");
    const created = await createModel({ actor: owner, input: { key: k, name: "Before", lifecycle: "DEVELOPMENT" } });
    const first = await updateModel({ actor: owner, key: k, input: { revision: created.revision, name: "First save", lifecycle: "DEVELOPMENT" } });
    expect(first.revision).toBe(created.revision + 1);
    const second = await rejection(updateModel({ actor: admin, key: k, input: { revision: created.revision, name: "Second save", lifecycle: "DEVELOPMENT" } }));
    expect(second.code).toBe("CONFLICT");
    expect(second.message).toMatch(/Nothing was overwritten/);
    const stored = await prisma.model.findUniqueOrThrow({ where: { key: k } });
    expect(stored.name).toBe("First save");
  });

  it("lets two concurrent saves of the same revision through exactly once", async () => {
    const k = key("race");
    const created = await createModel({ actor: owner, input: { key: k, name: "Race", lifecycle: "DEVELOPMENT" } });
    const results = await Promise.allSettled(["A", "B"].map((n) => updateModel({ actor: owner, key: k, input: { revision: created.revision, name: `Race ${n}`, lifecycle: "DEVELOPMENT" } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as AppError).code).toBe("CONFLICT");
  });

  it("refuses an owner editing someone else's model, and an executive editing any", async () => {
    const model = await prisma.model.findUniqueOrThrow({ where: { key: otherOwnerModelKey } });
    for (const actor of [owner, exec]) {
      const e = await rejection(updateModel({ actor, key: model.key, input: { revision: model.revision, name: "Hijacked", lifecycle: model.lifecycle } }));
      expect(e.code).toBe("FORBIDDEN");
    }
    expect((await prisma.model.findUniqueOrThrow({ where: { key: model.key } })).name).toBe(model.name);
  });

  it("answers an unknown model with not found", async () => {
    expect((await rejection(updateModel({ actor: admin, key: "does-not-exist", input: { revision: 1, name: "x", lifecycle: "DEVELOPMENT" } }))).code).toBe("NOT_FOUND");
  });

  it("records before and after in the audit log, and the chain verifies", async () => {
    const k = key("audited");
    const created = await createModel({ actor: owner, input: { key: k, name: "Audited", lifecycle: "DEVELOPMENT" } });
    await updateModel({ actor: owner, key: k, input: { revision: created.revision, name: "Audited v2", lifecycle: "VALIDATION" } });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { modelId: created.id, action: "model.update" } });
    expect(event.before).toMatchObject({ name: "Audited", lifecycle: "DEVELOPMENT" });
    expect(event.after).toMatchObject({ name: "Audited v2", lifecycle: "VALIDATION" });
    const verdict = await verifyAuditChain({ actor: admin });
    expect(verdict.ok).toBe(true);
    expect(verdict.checked).toBeGreaterThan(3);
  });
});

describe("first-run setup", () => {
  it("refuses to create a 'first' admin once users exist", async () => {
    const e = await rejection(createFirstAdmin({ name: "Intruder", email: `intruder-${run}@example.com`, password: "long-enough-password" }));
    expect(e.code).toBe("FORBIDDEN");
    expect(await prisma.user.count({ where: { email: `intruder-${run}@example.com` } })).toBe(0);
  });
});
