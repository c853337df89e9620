// Small zod building blocks shared by the input schemas of several domains.
import { z } from "zod";

/** Canonical UUID text: checked before a value reaches a uuid column (a malformed id is a 404, not a 500). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Optional free text: trimmed, length-limited, and "" stored as null (a cleared form field). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();
