// Bulk follow-up for compliance officers: on a filtered inventory view, assign an owner, set the next
// review date, or ask the owners for updates (inbox and e-mail, listing what the engine finds missing
// per model). One transaction per action, one audit event per model changed, at most BULK_LIMIT models.
import "server-only";
import { randomUUID } from "node:crypto";
import { prisma, type Tx } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAuditBatch, type AuditInput } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import { Prisma } from "../generated/prisma/client";
import { inventoryQuerySchema, inventoryWhereSql } from "../models/queries";
import { evaluateModels, refreshCompliance } from "../models/compliance";
import { withVerdictGuard, type ModelActor } from "../models/mutations";
import { notify } from "../notifications";
import { BULK_LIMIT, bulkFollowUpSchema, type FollowUpAction } from "./schemas";

export type BulkFollowUpResult = {
  action: FollowUpAction;
  /** models the selection named */
  matched: number;
  /** models changed (or asked for updates), each with its audit event */
  changed: number;
  /** models left alone, and why (already so, no owner, nothing missing) */
  unchanged: number;
  /** owners who received an update request */
  notifiedOwners: number;
};

type Target = { id: string; key: string; name: string; businessOwnerId: string | null; technicalOwnerId: string | null; nextReviewAt: Date | null };

const SELECT = { id: true, key: true, name: true, businessOwnerId: true, technicalOwnerId: true, nextReviewAt: true } as const;

/** The models the officer chose: the ticked keys, or every model the filter matches (bounded). */
async function targetsOf(tx: Tx, scope: "selected" | "all", keys: string[], filter: Record<string, string>, expectedTotal: number | undefined): Promise<Target[]> {
  if (scope === "selected") {
    const rows = await tx.model.findMany({ where: { key: { in: keys } }, select: SELECT, orderBy: { key: "asc" } });
    const unknown = keys.filter((k) => !rows.some((r) => r.key === k));
    if (unknown.length > 0) throw new AppError("VALIDATION", "Some selected models no longer exist. Nothing was changed.", { keys: [`Unknown: ${unknown.slice(0, 5).join(", ")}`] });
    return rows;
  }
  const { cursor: _cursor, sort: _sort, limit: _limit, ...query } = inventoryQuerySchema.parse(filter);
  const ids = await tx.$queryRaw<Array<{ id: string }>>(Prisma.sql`SELECT m.id::text AS id FROM "Model" m WHERE ${inventoryWhereSql(query)} ORDER BY m.key LIMIT ${BULK_LIMIT + 1}`);
  if (ids.length > BULK_LIMIT) {
    throw new AppError("VALIDATION", `The filter matches more than ${BULK_LIMIT.toLocaleString("en")} models: narrow it. Nothing was changed.`, {
      scope: [`At most ${BULK_LIMIT.toLocaleString("en")} models per action.`],
    });
  }
  if (expectedTotal !== undefined && ids.length !== expectedTotal) {
    throw new AppError("CONFLICT", `The filter now matches ${ids.length} models, not the ${expectedTotal} you saw. Nothing was changed: look at the list again and repeat the action.`);
  }
  return tx.model.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: SELECT, orderBy: { key: "asc" } });
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function bulkFollowUp({ actor, input }: { actor: ModelActor; input: unknown }): Promise<BulkFollowUpResult> {
  assertCan(actor, "models.bulkFollowUp");
  const parsed = bulkFollowUpSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const v = parsed.data;
  const auditActor = { id: actor.id, label: actor.email };
  return prisma.$transaction(
    async (tx) => {
      const targets = await targetsOf(tx, v.scope, v.keys, v.filter, v.expectedTotal);
      const events: AuditInput[] = [];
      let notifiedOwners = 0;
      if (v.action === "assign-owner") {
        const owner = await tx.user.findUnique({ where: { email: v.ownerEmail! }, select: { id: true, email: true, active: true } });
        if (!owner?.active) throw new AppError("VALIDATION", "Check the highlighted fields.", { ownerEmail: [`No active user with the e-mail ${v.ownerEmail}.`] });
        const field = v.ownerRole === "technical" ? "technicalOwnerId" : "businessOwnerId";
        const changed = targets.filter((t) => t[field] !== owner.id);
        const ids = changed.map((t) => t.id);
        const previous = new Map(
          (await tx.user.findMany({ where: { id: { in: changed.map((t) => t[field]).filter((x): x is string => !!x) } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]),
        );
        // an owner is part of the engine's verdict: an approval it moves reopens, as for any other change
        await withVerdictGuard(tx, actor, ids, async () => {
          await tx.model.updateMany({ where: { id: { in: ids } }, data: { [field]: owner.id, revision: { increment: 1 } } });
          await refreshCompliance(tx, { modelIds: ids });
        });
        const name = v.ownerRole === "technical" ? "technicalOwner" : "businessOwner";
        for (const t of changed)
          events.push({
            actor: auditActor,
            action: "model.bulk.assignOwner",
            entityType: "Model",
            entityId: t.id,
            modelId: t.id,
            before: { [name]: t[field] ? (previous.get(t[field]!) ?? null) : null },
            after: { [name]: owner.email },
          });
      } else if (v.action === "review-date") {
        const date = v.reviewDate!;
        const changed = targets.filter((t) => t.nextReviewAt?.getTime() !== date.getTime());
        await tx.model.updateMany({ where: { id: { in: changed.map((t) => t.id) } }, data: { nextReviewAt: date, revision: { increment: 1 } } });
        for (const t of changed)
          events.push({
            actor: auditActor,
            action: "model.bulk.reviewDate",
            entityType: "Model",
            entityId: t.id,
            modelId: t.id,
            before: { nextReviewAt: day(t.nextReviewAt) },
            after: { nextReviewAt: day(date) },
          });
      } else {
        const requested = await requestUpdates(tx, targets, v.message ?? null);
        notifiedOwners = requested.owners;
        for (const r of requested.models)
          events.push({
            actor: auditActor,
            action: "model.followUp.requestUpdate",
            entityType: "Model",
            entityId: r.id,
            modelId: r.id,
            after: { missing: r.missing, owners: r.owners, message: v.message ?? null },
          });
      }
      await recordAuditBatch(tx, events);
      return { action: v.action, matched: targets.length, changed: events.length, unchanged: targets.length - events.length, notifiedOwners };
    },
    { maxWait: 15_000, timeout: 120_000 },
  );
}

/** At most this many models are listed in one owner's message; the rest are counted (the inbox links to their list). */
const LISTED_PER_MESSAGE = 50;

/** One notification per owner (inbox and e-mail), listing each of their models with what the engine finds missing. */
async function requestUpdates(tx: Tx, targets: Target[], message: string | null) {
  const evaluated = await evaluateModels({ where: { id: { in: targets.map((t) => t.id) } }, db: tx });
  const missingOf = new Map(evaluated.map((e) => [e.facts.key, e.result.items.filter((i) => i.status !== "complete").sort((a, b) => Number(b.mandatory) - Number(a.mandatory))]));
  const perOwner = new Map<string, Array<{ key: string; name: string; missing: string[] }>>();
  const models: Array<{ id: string; missing: string[]; owners: string[] }> = [];
  for (const t of targets) {
    const missing = (missingOf.get(t.key) ?? []).map((i) => i.title);
    const owners = [...new Set([t.businessOwnerId, t.technicalOwnerId].filter((x): x is string => !!x))];
    if (missing.length === 0 || owners.length === 0) continue;
    for (const o of owners) perOwner.set(o, [...(perOwner.get(o) ?? []), { key: t.key, name: t.name, missing }]);
    models.push({ id: t.id, missing, owners });
  }
  const requestId = randomUUID();
  const emails = new Map((await tx.user.findMany({ where: { id: { in: [...perOwner.keys()] } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  for (const [ownerId, list] of perOwner) {
    const lines = list.slice(0, LISTED_PER_MESSAGE).map((m) => `• ${m.name} (${m.key}): ${m.missing.join("; ")}`);
    if (list.length > LISTED_PER_MESSAGE) lines.push(`… and ${list.length - LISTED_PER_MESSAGE} more of your models (see My models).`);
    await notify({
      tx,
      kind: "UPDATE_REQUESTED",
      recipients: [ownerId],
      title: `Update needed on ${list.length} model${list.length === 1 ? "" : "s"}`,
      body: [message ? `${message}\n` : "", "A compliance officer asks you to complete what is missing:", ...lines].filter(Boolean).join("\n"),
      link: list.length === 1 ? `/models/${list[0]!.key}` : "/home",
      dedupeKey: `update-request:${requestId}`,
    });
  }
  return { owners: perOwner.size, models: models.map((m) => ({ ...m, owners: m.owners.map((o) => emails.get(o) ?? o) })) };
}
