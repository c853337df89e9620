import "server-only";
import { z } from "zod";
import { prisma } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan } from "../authz/policy";
import { ANNEX_VIII_SECTIONS, applicableRequirements, registrationExport, type RegistrationSectionId } from "../compliance";
import { FACTS_INCLUDE, toModelFacts } from "../models/facts";
import { refreshCompliance } from "../models/compliance";
import { reopenApprovedReview, type ModelActor } from "../models/mutations";
import { optionalText } from "../validation";

/** Which Annex VIII section the completeness rules require for this model, if any. */
const SECTION_OF_ITEM: Record<string, RegistrationSectionId> = {
  HR_P_EU_DATABASE_REGISTRATION: "A",
  DEROGATION_REGISTRATION: "B",
  HR_D_EU_DATABASE_REGISTRATION: "C",
};

export async function getRegistration(key: string) {
  const model = await prisma.model.findUnique({ where: { key }, include: FACTS_INCLUDE });
  if (!model) return null;
  const item = applicableRequirements(toModelFacts(model)).find((i) => SECTION_OF_ITEM[i.id]);
  const section = item ? SECTION_OF_ITEM[item.id]! : null;
  const data = (model.euRegistration ?? null) as Record<string, string> | null;
  return { model, section, data, export: section ? registrationExport(model.key, section, data, model.euDatabaseId) : null };
}

const noNul = (max: number) => optionalText(max).refine((v) => v == null || !v.includes("\u0000"), "Text may not contain NUL characters.");

/** Save the Annex VIII data (and the registration id, once registered) for the section that applies. */
export async function saveRegistration({ actor, key, input }: { actor: ModelActor; key: string; input: Record<string, string> }) {
  const current = await getRegistration(key);
  if (!current) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
  assertCan(actor, "model.edit", { kind: "model", model: current.model });
  if (!current.section) throw new AppError("CONFLICT", "No EU database registration is required for this model as it is classified (Art. 49).");
  const section = ANNEX_VIII_SECTIONS[current.section];
  const schema = z.object({
    revision: z.coerce.number().int().positive(),
    euDatabaseId: noNul(100),
    ...Object.fromEntries(section.fields.map((f) => [f.key, noNul(5_000)])),
  });
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { revision, euDatabaseId, ...rest } = parsed.data as { revision: number; euDatabaseId?: string | null } & Record<string, string | null | undefined>;
  const data = Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  return prisma.$transaction(async (tx) => {
    const before = await tx.model.findUniqueOrThrow({ where: { key }, select: { id: true, revision: true, euDatabaseId: true, euRegistration: true } });
    if (before.revision !== revision) throw new AppError("CONFLICT", "Someone else changed this model since you opened the form. Nothing was saved; reload and try again.");
    await tx.model.update({ where: { id: before.id }, data: { euRegistration: data, euDatabaseId: euDatabaseId ?? null, revision: { increment: 1 } } });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "model.eu-registration",
      entityType: "Model",
      entityId: before.id,
      modelId: before.id,
      before: { euDatabaseId: before.euDatabaseId, euRegistration: before.euRegistration },
      after: { euDatabaseId: euDatabaseId ?? null, euRegistration: data, section: current.section },
    });
    await reopenApprovedReview(tx, before.id, actor);
    await refreshCompliance(tx, { modelIds: [before.id] });
  });
}
