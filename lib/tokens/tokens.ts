// API tokens: created in the portal or by `npm run token:create`, shown once, stored as a sha256 hash.
import "server-only";
import { UUID_PATTERN } from "../validation";
import { createHash, randomBytes } from "node:crypto";
import { direct, prisma, sql } from "../db";
import { AppError, fieldErrorsOf } from "../errors";
import { recordAudit } from "../audit-log/record";
import { assertCan, can, ownsModel, type Actor } from "../authz/policy";
import { Role } from "../generated/prisma/enums";
import { createTokenSchema, type TokenScope } from "./schemas";

export const TOKEN_PREFIX = "dsr_";
/** Characters of the token kept in clear (the `dsr_` prefix + 8) so people can tell tokens apart. */
const VISIBLE_CHARS = TOKEN_PREFIX.length + 8;
/** lastUsedAt is a hint for humans; writing it at most once a minute keeps it off the hot path. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenActor = Actor & { email: string };

/** 256 random bits, base64url: `dsr_` + 43 characters. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/**
 * A fast hash is right here, unlike for passwords: the token carries 256 bits of entropy, so there is
 * nothing to brute-force or look up in a dictionary, and a slow KDF would only add latency to every
 * API call. sha256 makes a leaked database useless for calling the API.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type TokenView = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  modelKeys: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  user: { id: string; email: string; name: string };
};

const VIEW_SELECT = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  modelKeys: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;

/**
 * Create a token for `actor` (or, for the CLI, for the user it names). Returns the token in clear:
 * the only time it exists outside the caller's hands.
 */
export async function createApiToken({ actor, input, now = new Date() }: { actor: TokenActor; input: unknown; now?: Date }): Promise<{ token: string; view: TokenView }> {
  assertCan(actor, "tokens.manage", { kind: "token", ownerId: actor.id });
  const parsed = createTokenSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Check the highlighted fields.", fieldErrorsOf(parsed.error));
  const { name, scopes, modelKeys, expiresInDays } = parsed.data;

  if (actor.role === Role.MODEL_OWNER) {
    // PRODUCT.md: an owner's tokens are scoped to their own models. A key that does not exist yet is
    // allowed so a pipeline can register it; the write is still checked against ownership at use time.
    if (modelKeys.length === 0) throw new AppError("VALIDATION", "Check the highlighted fields.", { modelKeys: ["Name the models (keys) this token may act on."] });
    const models = await prisma.model.findMany({ where: { key: { in: modelKeys } }, select: { key: true, businessOwnerId: true, technicalOwnerId: true } });
    const foreign = models.filter((m) => !ownsModel(actor, m)).map((m) => m.key);
    if (foreign.length) throw new AppError("VALIDATION", "Check the highlighted fields.", { modelKeys: [`You do not own: ${foreign.join(", ")}.`] });
  }

  const token = generateToken();
  const view = await prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name,
        prefix: token.slice(0, VISIBLE_CHARS),
        tokenHash: hashToken(token),
        scopes,
        modelKeys,
        userId: actor.id,
        expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000),
      },
      select: VIEW_SELECT,
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.email },
      action: "apiToken.create",
      entityType: "ApiToken",
      entityId: row.id,
      after: { name: row.name, prefix: row.prefix, scopes: row.scopes, modelKeys: row.modelKeys, expiresAt: row.expiresAt },
    });
    return row;
  });
  return { token, view };
}

/** Tokens the actor may manage: all for an admin, their own otherwise. */
export async function listApiTokens({ actor }: { actor: Actor }): Promise<TokenView[]> {
  assertCan(actor, "tokens.manage");
  return prisma.apiToken.findMany({
    where: actor.role === Role.ADMIN ? {} : { userId: actor.id },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: VIEW_SELECT,
  });
}

export async function revokeApiToken({ actor, id, now = new Date() }: { actor: TokenActor; id: string; now?: Date }): Promise<TokenView> {
  if (!UUID_PATTERN.test(id)) throw new AppError("NOT_FOUND", "No such token.");
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id }, select: { id: true, userId: true, revokedAt: true, prefix: true } });
    // a token the actor may not manage is reported as absent, not as forbidden
    if (!row || !can(actor, "tokens.manage", { kind: "token", ownerId: row.userId })) throw new AppError("NOT_FOUND", "No such token.");
    if (!row.revokedAt) {
      await tx.apiToken.update({ where: { id }, data: { revokedAt: now } });
      await recordAudit(tx, {
        actor: { id: actor.id, label: actor.email },
        action: "apiToken.revoke",
        entityType: "ApiToken",
        entityId: id,
        before: { revokedAt: null },
        after: { prefix: row.prefix, revokedAt: now },
      });
    }
    return tx.apiToken.findUniqueOrThrow({ where: { id }, select: VIEW_SELECT });
  });
}

export type VerifiedToken = {
  id: string;
  scopes: TokenScope[];
  modelKeys: string[];
  user: { id: string; role: Role; email: string; name: string };
};

/**
 * The token's grant, or null when it is unknown, revoked, expired or its user is deactivated. Never
 * says which (the caller answers 401 either way).
 */
export async function verifyApiToken(token: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  // the token and its user in one query (the ORM's nested select takes two): this runs on every API call,
  // so it goes to the driver directly (lib/db.ts `direct`); times come as epoch milliseconds (float8)
  const [found] = await direct<{
    id: string;
    scopes: string[] | null;
    modelKeys: string[] | null;
    expiresAtMs: number | null;
    revokedAtMs: number | null;
    lastUsedAtMs: number | null;
    userId: string;
    role: Role;
    email: string;
    name: string;
    active: boolean;
  }>(
    prisma,
    sql`
    SELECT t."id"::text AS id, t."scopes"::text[] AS scopes, t."modelKeys"::text[] AS "modelKeys",
           (extract(epoch FROM t."expiresAt") * 1000)::float8 AS "expiresAtMs", (extract(epoch FROM t."revokedAt") * 1000)::float8 AS "revokedAtMs",
           (extract(epoch FROM t."lastUsedAt") * 1000)::float8 AS "lastUsedAtMs",
           u."id"::text AS "userId", u."role"::text AS role, u."email", u."name", u."active"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" WHERE t."tokenHash" = ${hashToken(token)}`,
  );
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  const row = found && {
    ...found,
    expiresAt: date(found.expiresAtMs),
    revokedAt: date(found.revokedAtMs),
    lastUsedAt: date(found.lastUsedAtMs),
    scopes: found.scopes ?? [],
    modelKeys: found.modelKeys ?? [],
    user: { id: found.userId, role: found.role, email: found.email, name: found.name, active: found.active },
  };
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || !row.user.active) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // conditional update: concurrent requests of the same token write it once per minute at most
    await prisma.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  const { user } = row;
  return {
    id: row.id,
    scopes: row.scopes.filter((s): s is TokenScope => s === "read" || s === "write" || s === "monitoring"),
    modelKeys: row.modelKeys,
    user: { id: user.id, role: user.role, email: user.email, name: user.name },
  };
}
