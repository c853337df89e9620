// Issue 14: a compliance officer acts on a filtered inventory view. Real PostgreSQL and a real SMTP server
// (smtp-server on a free port): update requests land in each owner's inbox and mailbox, listing what the
// engine finds missing per model; owners and review dates change in one transaction, one audit event per
// model changed; a filter that matches a different number than the officer saw changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { startSmtpSink } from "../support/smtp-sink";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { bulkFollowUp } from "@/lib/follow-up/bulk";
import { deliverPendingEmails, type MailConfig } from "@/lib/notifications/email";
import { listInbox } from "@/lib/notifications/inbox";
import { evaluateModel } from "@/lib/models/compliance";
import { actorOf } from "../support/actors";

const run = Date.now().toString(36);
const mails: Array<{ to: string[]; text: string }> = [];
let smtp: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
let config: MailConfig;
let officer: ModelActor, owner: ModelActor, hannah: ModelActor;
const keys = [0, 1, 2].map((i) => `test-bulk-${i}-${run}`);
// the inventory's URL filters, as the page passes them on: our three models only
const ours = { q: `-${run}`, lifecycle: "VALIDATION", owner: "" };

beforeAll(async () => {
  smtp = await startSmtpSink(mails, (to, raw) => ({ to, text: raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=") }));
  config = { url: smtp.url, from: "Dossier <dossier@test.example>", portalUrl: "http://portal.test", digestHourUtc: 7 };
  officer = await actorOf("compliance@northwind.example");
  owner = await actorOf("owner@northwind.example");
  hannah = await actorOf("hannah.schmidt@northwind.example");
  // anything pending from before this file is not ours to send
  await prisma.notification.updateMany({ where: { emailStatus: { in: ["PENDING", "DIGEST"] } }, data: { emailStatus: "SKIPPED" } });
  for (const [i, key] of keys.entries()) {
    await createModel({
      actor: officer,
      input: { key, name: `Bulk ${i} ${run}`, lifecycle: "VALIDATION", intendedPurpose: "Bulk follow-up test.", businessOwnerEmail: i < 2 ? owner.email : hannah.email },
    });
  }
}, 60_000);

afterAll(async () => {
  await smtp?.close();
  await prisma.$disconnect();
});

const events = async (action: string) => {
  const ids = (await prisma.model.findMany({ where: { key: { in: keys } }, select: { id: true } })).map((m) => m.id);
  return prisma.auditEvent.findMany({ where: { action, modelId: { in: ids } }, orderBy: { seq: "asc" } });
};

describe("bulk follow-up on a filtered inventory", () => {
  it("only compliance officers and admins may; bad input is a field error", async () => {
    await expect(bulkFollowUp({ actor: owner, input: { action: "request-update", scope: "all", filter: ours } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(bulkFollowUp({ actor: officer, input: { action: "assign-owner", scope: "selected", keys: [] } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { keys: expect.any(Array), ownerEmail: expect.any(Array), ownerRole: expect.any(Array) },
    });
    await expect(bulkFollowUp({ actor: officer, input: { action: "assign-owner", scope: "selected", keys, ownerEmail: "nobody@northwind.example", ownerRole: "technical" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { ownerEmail: expect.any(Array) },
    });
  });

  it("a filter that now matches a different number than the officer saw changes nothing", async () => {
    const before = await prisma.notification.count({ where: { dedupeKey: { startsWith: "update-request:" } } });
    await expect(bulkFollowUp({ actor: officer, input: { action: "request-update", scope: "all", filter: ours, expectedTotal: 2 } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await prisma.notification.count({ where: { dedupeKey: { startsWith: "update-request:" } } })).toBe(before);
  });

  it("an update request for all matching models reaches each owner's inbox and mailbox, listing what is missing per model, one audit event per model", async () => {
    const result = await bulkFollowUp({ actor: officer, input: { action: "request-update", scope: "all", filter: ours, expectedTotal: 3, message: "Before the audit on Friday, please." } });
    expect(result).toEqual({ action: "request-update", matched: 3, changed: 3, unchanged: 0, notifiedOwners: 2 });

    const missing0 = (await evaluateModel(keys[0]!))!.result.items.filter((i) => i.status !== "complete").map((i) => i.title);
    expect(missing0.length).toBeGreaterThan(0);
    const [mine] = await listInbox({ userId: owner.id, take: 5 });
    expect(mine).toMatchObject({ kind: "UPDATE_REQUESTED", title: "Update needed on 2 models", link: "/home" });
    expect(mine!.body).toContain("Before the audit on Friday, please.");
    expect(mine!.body).toContain(`Bulk 0 ${run} (${keys[0]}): ${missing0.join("; ")}`);
    expect(mine!.body).toContain(`(${keys[1]})`);
    expect(mine!.body).not.toContain(keys[2]);
    const [hers] = await listInbox({ userId: hannah.id, take: 5 });
    expect(hers).toMatchObject({ title: "Update needed on 1 model", link: `/models/${keys[2]}` });

    const audit = await events("model.followUp.requestUpdate");
    expect(audit).toHaveLength(3);
    expect(audit.every((e) => e.actorId === officer.id)).toBe(true);
    expect(audit[0]!.after).toMatchObject({ missing: missing0, owners: [owner.email] });

    await deliverPendingEmails({ config });
    const toOwner = mails.find((m) => m.to.includes(owner.email) && m.text.includes(keys[0]!));
    expect(toOwner, "the owner's e-mail").toBeDefined();
    expect(toOwner!.text).toContain(missing0[0]!);
    expect(mails.some((m) => m.to.includes(hannah.email) && m.text.includes(keys[2]!))).toBe(true);
  });

  it("assigning an owner to the ticked models changes only those that differ, audited per model, and the engine follows", async () => {
    const first = await bulkFollowUp({
      actor: officer,
      input: { action: "assign-owner", scope: "selected", keys: keys.slice(0, 2), ownerEmail: "HANNAH.SCHMIDT@northwind.example", ownerRole: "technical" },
    });
    expect(first).toMatchObject({ matched: 2, changed: 2, unchanged: 0 });
    const rows = await prisma.model.findMany({ where: { key: { in: keys } }, orderBy: { key: "asc" }, select: { key: true, technicalOwnerId: true, revision: true } });
    expect(rows.map((r) => r.technicalOwnerId)).toEqual([hannah.id, hannah.id, null]);
    expect((await evaluateModel(keys[0]!))!.facts.technicalOwner?.id).toBe(hannah.id);
    const audit = await events("model.bulk.assignOwner");
    expect(audit).toHaveLength(2);
    expect(audit[0]!.before).toEqual({ technicalOwner: null });
    expect(audit[0]!.after).toEqual({ technicalOwner: hannah.email });
    // again: nothing differs, nothing is written
    const again = await bulkFollowUp({ actor: officer, input: { action: "assign-owner", scope: "selected", keys: keys.slice(0, 2), ownerEmail: hannah.email, ownerRole: "technical" } });
    expect(again).toMatchObject({ matched: 2, changed: 0, unchanged: 2 });
    expect(await events("model.bulk.assignOwner")).toHaveLength(2);
  });

  it("setting the review date for all matching models", async () => {
    const result = await bulkFollowUp({ actor: officer, input: { action: "review-date", scope: "all", filter: ours, reviewDate: "2027-03-31" } });
    expect(result).toMatchObject({ matched: 3, changed: 3 });
    const rows = await prisma.model.findMany({ where: { key: { in: keys } }, select: { nextReviewAt: true } });
    expect(rows.map((r) => r.nextReviewAt?.toISOString().slice(0, 10))).toEqual(["2027-03-31", "2027-03-31", "2027-03-31"]);
    const audit = await events("model.bulk.reviewDate");
    expect(audit).toHaveLength(3);
    expect(audit[0]!.after).toEqual({ nextReviewAt: "2027-03-31" });
  });
});
