// Zod schemas for API tokens, shared by the admin page, the CLI and the tests.
import { z } from "zod";
import { safeString } from "../validation";
import { modelKeySchema } from "../models/schemas";

export const API_SCOPES = ["read", "write", "monitoring"] as const;
export type TokenScope = (typeof API_SCOPES)[number];

/** Longest lifetime a token may be given; a token without expiry is not offered (leaked CI secrets live forever). */
export const TOKEN_MAX_DAYS = 366;
export const TOKEN_DEFAULT_DAYS = 90;

export const createTokenSchema = z.object({
  name: safeString().trim().min(1, "Name the token (e.g. the pipeline that uses it).").max(100, "At most 100 characters."),
  scopes: z
    .array(z.enum(API_SCOPES, { error: "Scopes are read, write and monitoring." }))
    .min(1, "Choose at least one scope.")
    .transform((s) => [...new Set(s)]),
  /** empty = every model the user may act on (staff only: an owner's token must name models) */
  modelKeys: z
    .array(modelKeySchema)
    .max(200, "At most 200 models.")
    .default([])
    .transform((k) => [...new Set(k)]),
  expiresInDays: z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter whole days.")
    .min(1, "At least 1 day.")
    .max(TOKEN_MAX_DAYS, `At most ${TOKEN_MAX_DAYS} days.`)
    .default(TOKEN_DEFAULT_DAYS),
});
export type CreateTokenInput = z.input<typeof createTokenSchema>;
