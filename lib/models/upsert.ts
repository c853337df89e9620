// PUT /api/v1/models/{key}: create the model if the key is new, otherwise update it — composed from
// createModel / updateModel so validation, authorization, audit and the compliance refresh are the
// portal's own. Sending the same body twice changes nothing the second time (no write, no audit event,
// no new revision): that is what makes the PUT idempotent for pipelines that run on every build.
import "server-only";
import { prisma } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { assertCan, type Actor } from "../authz/policy";
import { upsertModelSchema } from "./schemas";
import { MODEL_DESCRIPTION_COLUMNS, createModel, updateModel, type ModelActor } from "./mutations";
import type { ModelFields } from "./schemas";
import type { Model } from "../generated/prisma/client";

export type UpsertOutcome = "created" | "updated" | "unchanged";

/** The model columns a caller-supplied field set is compared with (also used by lib/imports). */
export const MODEL_FIELDS_SELECT = {
  ...MODEL_DESCRIPTION_COLUMNS,
  actorRole: true,
  publicAuthority: true,
  lifecycle: true,
  environments: true,
  nextReviewAt: true,
  euDatabaseId: true,
  revision: true,
  businessOwnerId: true,
  technicalOwnerId: true,
  businessUnit: { select: { name: true } },
  businessOwner: { select: { email: true } },
  technicalOwner: { select: { email: true } },
} as const;

type DescribedModelRow = Pick<Model, "name" | "description" | "intendedPurpose" | "foreseeableMisuse" | "actorRole" | "publicAuthority" | "lifecycle" | "environments"> & {
  businessUnit: { name: string } | null;
  businessOwner: { email: string } | null;
  technicalOwner: { email: string } | null;
};

/** A stored model's editable fields in the shape callers write them (names for the unit, emails for the owners): the import's comparison and the export. */
export function writableFieldsOf(m: DescribedModelRow) {
  return {
    name: m.name,
    description: m.description,
    intendedPurpose: m.intendedPurpose,
    foreseeableMisuse: m.foreseeableMisuse,
    businessUnit: m.businessUnit?.name ?? null,
    actorRole: m.actorRole,
    publicAuthority: m.publicAuthority,
    lifecycle: m.lifecycle,
    environments: m.environments,
    businessOwnerEmail: m.businessOwner?.email ?? null,
    technicalOwnerEmail: m.technicalOwner?.email ?? null,
  };
}

type Current = NonNullable<Awaited<ReturnType<typeof loadCurrent>>>;

const loadCurrent = (key: string) => prisma.model.findUnique({ where: { key }, select: MODEL_FIELDS_SELECT });

/** Would applying `fields` change nothing? Undefined fields are "leave as is". */
export function isNoOp(current: Current, fields: ModelFields): boolean {
  const same = <T>(next: T | undefined, now: T) => next === undefined || next === now;
  const sameDate = (next: Date | null | undefined, now: Date | null) => next === undefined || (next === null ? now === null : now !== null && next.getTime() === now.getTime());
  const sameList = (next: string[] | undefined, now: string[]) => next === undefined || JSON.stringify(next) === JSON.stringify(now);
  return (
    same(fields.name, current.name) &&
    same(fields.description, current.description) &&
    same(fields.intendedPurpose, current.intendedPurpose) &&
    same(fields.foreseeableMisuse, current.foreseeableMisuse) &&
    same(fields.actorRole, current.actorRole) &&
    same(fields.publicAuthority, current.publicAuthority) &&
    same(fields.lifecycle, current.lifecycle) &&
    sameList(fields.environments, current.environments) &&
    sameDate(fields.nextReviewAt, current.nextReviewAt) &&
    same(fields.euDatabaseId, current.euDatabaseId) &&
    same(fields.businessUnit, current.businessUnit?.name ?? null) &&
    same(fields.businessOwnerEmail, current.businessOwner?.email ?? null) &&
    same(fields.technicalOwnerEmail, current.technicalOwner?.email ?? null)
  );
}

export async function upsertModel({ actor, key, input }: { actor: ModelActor & Actor; key: string; input: unknown }): Promise<{ outcome: UpsertOutcome; key: string }> {
  const parsed = upsertModelSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision, key: bodyKey, ...fields } = parsed.data;
  if (bodyKey !== undefined && bodyKey !== key) {
    throw new AppError("VALIDATION", "The key in the body differs from the key in the URL.", { key: [`Expected "${key}" (the URL's key) or nothing.`] });
  }
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const { revision: _r, key: _k, ...rawFields } = raw;

  // A concurrent PUT may create the key between our read and our insert: the loser's insert fails with
  // a unique violation and it goes round again, now as an update (200). Without a pinned revision an
  // update applies to whatever is current (updateModel serialises on the row lock), so only a pinned
  // stale revision is a 409.
  for (let attempt = 0; ; attempt++) {
    const current = await loadCurrent(key);
    if (!current) {
      if (revision !== undefined) throw new AppError("NOT_FOUND", `No model with the key "${key}" (a revision was sent, so an update was expected).`);
      try {
        await createModel({ actor, input: { ...rawFields, key } });
        return { outcome: "created", key };
      } catch (e) {
        if (attempt < 3 && e instanceof AppError && e.code === "CONFLICT") continue;
        throw e;
      }
    }
    assertCan(actor, "model.edit", { kind: "model", model: current });
    if (revision !== undefined && revision !== current.revision) {
      throw new AppError("CONFLICT", `The model is at revision ${current.revision}, not ${revision}: someone changed it since you read it. Nothing was overwritten.`);
    }
    if (isNoOp(current, fields)) return { outcome: "unchanged", key };
    await updateModel({ actor, key, input: { ...rawFields, revision: revision ?? current.revision }, applyToCurrent: revision === undefined });
    return { outcome: "updated", key };
  }
}
