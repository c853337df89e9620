// Dossier records: every document Dossier issues (PDF, CSV or JSON) is stored with who, when, the
// parameters, its SHA-256 and the completeness at generation, so it can be downloaded again and a copy
// can be verified later ("this file is the one Dossier issued on …").
//
// Reading a stored document is authorised like generating it now: a model dossier that contains an
// audit-log excerpt is only handed to readers who may read that model's audit log.
import "server-only";
import { prisma } from "../db";
import { AppError } from "../errors";
import { auditLogScope, can, credentialModelWhere, type Actor, type CredentialLimits } from "../authz/policy";
import { recordAudit } from "../audit-log/record";
import type { Prisma } from "../generated/prisma/client";
import { ROLE_LABELS } from "../labels";
import { sha256Hex } from "./content-hash";

export type DocumentFormat = "pdf" | "csv" | "json";

export const MEDIA_TYPES: Record<DocumentFormat, string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  json: "application/json",
};

/** What `parameters` holds (JSON column). */
export type RecordParameters = {
  format: DocumentFormat;
  modelKey?: string;
  filters?: Record<string, unknown>;
  /** sha256 of the content DTO, as printed on the cover */
  contentSha256: string;
  /** a model dossier with the audit-log excerpt in it (always written, false for reports) */
  includesAuditLog: boolean;
  /** production models in an inventory report */
  productionModels?: number;
  undocumented?: number;
  renderMs?: number;
};

const META_SELECT = {
  id: true,
  kind: true,
  parameters: true,
  generatedAt: true,
  sha256: true,
  completeness: true,
  fileName: true,
  mediaType: true,
  byteSize: true,
  modelId: true,
  model: { select: { key: true, name: true, businessOwnerId: true, technicalOwnerId: true } },
  generatedBy: { select: { name: true, email: true, role: true } },
} satisfies Prisma.DossierRecordSelect;

type MetaRow = Prisma.DossierRecordGetPayload<{ select: typeof META_SELECT }>;

export type RecordMeta = {
  id: string;
  kind: "MODEL_DOSSIER" | "INVENTORY_REPORT";
  model: { key: string; name: string } | null;
  parameters: RecordParameters;
  generatedAt: string;
  generatedBy: { name: string; email: string; role: string } | null;
  sha256: string;
  completeness: number | null;
  fileName: string;
  mediaType: string;
  byteSize: number;
  /** one sentence a verifier can quote */
  statement: string;
};

function describe(row: MetaRow): string {
  const when = `${row.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const who = row.generatedBy ? `${row.generatedBy.name} (${ROLE_LABELS[row.generatedBy.role]})` : "a user who no longer exists";
  const params = row.parameters as RecordParameters;
  const what =
    row.kind === "MODEL_DOSSIER"
      ? `the model dossier of ${row.model?.key ?? params.modelKey ?? "a deleted model"}`
      : `the inventory audit report${params.productionModels !== undefined ? ` (${params.productionModels} production models, ${params.undocumented ?? "?"} undocumented)` : ""}`;
  return `This file is the one Dossier issued on ${when} to ${who}: ${what}, ${params.format.toUpperCase()}, ${row.byteSize} bytes, SHA-256 ${row.sha256}, record ${row.id}.`;
}

const toMeta = (row: MetaRow): RecordMeta => ({
  id: row.id,
  kind: row.kind,
  model: row.model ? { key: row.model.key, name: row.model.name } : null,
  parameters: row.parameters as RecordParameters,
  generatedAt: row.generatedAt.toISOString(),
  generatedBy: row.generatedBy ? { name: row.generatedBy.name, email: row.generatedBy.email, role: ROLE_LABELS[row.generatedBy.role] } : null,
  sha256: row.sha256,
  completeness: row.completeness,
  fileName: row.fileName,
  mediaType: row.mediaType,
  byteSize: row.byteSize,
  statement: describe(row),
});

/** May this reader see the stored document (and its metadata)? */
function mayRead(actor: Actor, row: Pick<MetaRow, "parameters" | "model">): boolean {
  if (!can(actor, "inventory.read")) return false;
  if (!(row.parameters as RecordParameters).includesAuditLog) return true;
  if (auditLogScope(actor) === "ALL") return true;
  return row.model !== null && can(actor, "auditLog.read", { kind: "model", model: row.model });
}

/** Prisma `where` for the records a reader may see (the same rule as mayRead, in SQL). */
async function readableWhere(actor: Actor): Promise<Prisma.DossierRecordWhereInput> {
  const scope = auditLogScope(actor);
  if (scope === "ALL") return {};
  // storeRecord always writes the flag (true or false), so an equality test is exact
  const withoutAuditLog: Prisma.DossierRecordWhereInput = { parameters: { path: ["includesAuditLog"], equals: false } };
  if (scope === "NONE") return withoutAuditLog;
  return { OR: [withoutAuditLog, { model: { OR: [{ businessOwnerId: actor.id }, { technicalOwnerId: actor.id }] } }] };
}

export async function storeRecord(input: {
  id: string;
  actor: Actor & { name: string };
  kind: "MODEL_DOSSIER" | "INVENTORY_REPORT";
  modelId: string | null;
  parameters: RecordParameters;
  completeness: number | null;
  fileName: string;
  mediaType: string;
  content: Uint8Array;
}): Promise<RecordMeta> {
  const sha256 = sha256Hex(input.content);
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.dossierRecord.create({
      data: {
        id: input.id,
        kind: input.kind,
        modelId: input.modelId,
        parameters: input.parameters as Prisma.InputJsonObject,
        generatedById: input.actor.id,
        sha256,
        completeness: input.completeness,
        fileName: input.fileName,
        mediaType: input.mediaType,
        byteSize: input.content.byteLength,
        content: input.content as Uint8Array<ArrayBuffer>,
      },
      select: META_SELECT,
    });
    await recordAudit(tx, {
      actor: { id: input.actor.id, label: input.actor.name },
      action: input.kind === "MODEL_DOSSIER" ? "dossier.generate" : "report.generate",
      entityType: "DossierRecord",
      entityId: created.id,
      modelId: input.modelId,
      after: { kind: input.kind, fileName: input.fileName, sha256, byteSize: input.content.byteLength, parameters: input.parameters },
    });
    return created;
  });
  return toMeta(row);
}

export async function getRecord({ actor, id }: { actor: Actor; id: string }): Promise<RecordMeta> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await prisma.dossierRecord.findUnique({ where: { id }, select: META_SELECT }) : null;
  // a record the reader may not see is indistinguishable from one that does not exist
  if (!row || !mayRead(actor, row)) throw new AppError("NOT_FOUND", `No dossier record ${id}.`);
  return toMeta(row);
}

export async function getRecordContent({ actor, id }: { actor: Actor; id: string }): Promise<{ meta: RecordMeta; content: Uint8Array }> {
  const meta = await getRecord({ actor, id });
  const row = await prisma.dossierRecord.findUniqueOrThrow({ where: { id }, select: { content: true } });
  return { meta, content: row.content };
}

export async function listRecords({
  actor,
  limits = { modelKeys: null },
  kind,
  modelKey,
  limit = 25,
}: {
  actor: Actor;
  /** an API credential's model limit, filtered in SQL so that a limited token still gets full pages */
  limits?: Pick<CredentialLimits, "modelKeys">;
  kind?: "MODEL_DOSSIER" | "INVENTORY_REPORT";
  modelKey?: string;
  limit?: number;
}): Promise<RecordMeta[]> {
  const where: Prisma.DossierRecordWhereInput = {
    AND: [await readableWhere(actor), credentialModelWhere(limits), kind ? { kind } : {}, modelKey ? { model: { key: modelKey } } : {}],
  };
  const rows = await prisma.dossierRecord.findMany({ where, select: META_SELECT, orderBy: { generatedAt: "desc" }, take: Math.min(Math.max(1, limit), 200) });
  return rows.map(toMeta);
}

/** Which issued documents have exactly this SHA-256? An empty list means Dossier never issued the file. */
export async function verifyDocument({ actor, sha256 }: { actor: Actor; sha256: string }): Promise<{ sha256: string; verified: boolean; records: RecordMeta[]; statement: string }> {
  const normalized = sha256.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(normalized)) throw new AppError("VALIDATION", "A SHA-256 is 64 hexadecimal characters.", { sha256: ["Expected 64 hexadecimal characters."] });
  const rows = await prisma.dossierRecord.findMany({ where: { sha256: normalized }, select: META_SELECT, orderBy: { generatedAt: "asc" } });
  const records = rows.filter((r) => mayRead(actor, r)).map(toMeta);
  const statement =
    records[0]?.statement ??
    (rows.length > 0
      ? "Dossier issued a file with this SHA-256, but your role may not see its record."
      : "Dossier has no record of a file with this SHA-256: it was not issued by this Dossier, or it was changed after it was issued.");
  return { sha256: normalized, verified: rows.length > 0, records, statement };
}

export const verifyBytes = ({ actor, content }: { actor: Actor; content: Uint8Array }) => verifyDocument({ actor, sha256: sha256Hex(content) });
