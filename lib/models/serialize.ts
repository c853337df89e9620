// The model as the public API shows it (single and in lists). One function, so GET, PUT and the list
// can never disagree on a field.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { CompletenessItem } from "../compliance/completeness";
import { prisma } from "../db";
import { AppError } from "../errors";
import { evaluateModel } from "./compliance";
import { MODEL_DESCRIPTION_COLUMNS } from "./mutations";

export const MODEL_JSON_SELECT = {
  ...MODEL_DESCRIPTION_COLUMNS,
  actorRole: true,
  publicAuthority: true,
  lifecycle: true,
  environments: true,
  riskClass: true,
  legalBasis: true,
  transparencyDuties: true,
  classificationStatus: true,
  gpai: true,
  gpaiSystemicRisk: true,
  nextReviewAt: true,
  euDatabaseId: true,
  revision: true,
  complianceScore: true,
  undocumented: true,
  monitoringStatus: true,
  openItems: true,
  complianceEvaluatedAt: true,
  createdAt: true,
  updatedAt: true,
  businessUnit: { select: { name: true } },
  businessOwner: { select: { email: true, name: true } },
  technicalOwner: { select: { email: true, name: true } },
  versions: { where: { active: true }, take: 1, select: { version: true } },
} satisfies Prisma.ModelSelect;

export type ModelJsonRow = Prisma.ModelGetPayload<{ select: typeof MODEL_JSON_SELECT }>;

export type ModelJson = {
  key: string;
  name: string;
  description: string | null;
  intendedPurpose: string | null;
  foreseeableMisuse: string | null;
  businessUnit: string | null;
  actorRole: string;
  publicAuthority: boolean;
  lifecycle: string;
  environments: string[];
  riskClass: string;
  legalBasis: string[];
  transparencyDuties: string[];
  classificationStatus: string;
  gpai: boolean;
  gpaiSystemicRisk: boolean;
  businessOwnerEmail: string | null;
  technicalOwnerEmail: string | null;
  nextReviewAt: string | null;
  euDatabaseId: string | null;
  activeVersion: string | null;
  /** weighted completeness score 0-100 by the compliance engine */
  completeness: number | null;
  undocumented: boolean;
  monitoringStatus: string;
  /** ids of the requirement items that are missing or stale */
  openItems: string[];
  revision: number;
  evaluatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** only on the single-model GET: every requirement item with its status */
  requirements?: Array<Pick<CompletenessItem, "id" | "title" | "article" | "mandatory" | "status" | "reason" | "fix">>;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function serializeModel(row: ModelJsonRow, requirements?: CompletenessItem[]): ModelJson {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    intendedPurpose: row.intendedPurpose,
    foreseeableMisuse: row.foreseeableMisuse,
    businessUnit: row.businessUnit?.name ?? null,
    actorRole: row.actorRole,
    publicAuthority: row.publicAuthority,
    lifecycle: row.lifecycle,
    environments: row.environments,
    riskClass: row.riskClass,
    legalBasis: row.legalBasis,
    transparencyDuties: row.transparencyDuties,
    classificationStatus: row.classificationStatus,
    gpai: row.gpai,
    gpaiSystemicRisk: row.gpaiSystemicRisk,
    businessOwnerEmail: row.businessOwner?.email ?? null,
    technicalOwnerEmail: row.technicalOwner?.email ?? null,
    nextReviewAt: iso(row.nextReviewAt),
    euDatabaseId: row.euDatabaseId,
    activeVersion: row.versions[0]?.version ?? null,
    completeness: row.complianceScore,
    undocumented: row.undocumented,
    monitoringStatus: row.monitoringStatus,
    openItems: row.openItems,
    revision: row.revision,
    evaluatedAt: iso(row.complianceEvaluatedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(requirements ? { requirements: requirements.map((i) => ({ id: i.id, title: i.title, article: i.article, mandatory: i.mandatory, status: i.status, reason: i.reason, fix: i.fix })) } : {}),
  };
}

/** One model as JSON (404 when the key is unknown), optionally with every requirement item. */
export async function loadModelJson(key: string, { withRequirements = false }: { withRequirements?: boolean } = {}): Promise<ModelJson> {
  const row = await prisma.model.findUnique({ where: { key }, select: MODEL_JSON_SELECT });
  if (!row) throw new AppError("NOT_FOUND", `No model with the key "${key}".`);
  const evaluated = withRequirements ? await evaluateModel(key) : null;
  return serializeModel(row, evaluated?.result.items);
}

/** Models by key as JSON, in the order of `keys` (for list pages built by lib/models/queries.ts). */
export async function loadModelsJson(keys: string[]): Promise<ModelJson[]> {
  const rows = await prisma.model.findMany({ where: { key: { in: keys } }, select: MODEL_JSON_SELECT });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.flatMap((k) => {
    const row = byKey.get(k);
    return row ? [serializeModel(row)] : [];
  });
}
