// The officer's bulk follow-up on a filtered inventory view: one schema for the form and any API.
import { z } from "zod";
import { calendarDate, INT4_MAX, optionalText, safeString } from "../validation";
import { modelKeySchema } from "../models/schemas";

/** One action touches at most this many models: a bounded transaction, a bounded set of e-mails. */
export const BULK_LIMIT = 5000;

export const FOLLOW_UP_ACTIONS = ["assign-owner", "review-date", "request-update"] as const;
export type FollowUpAction = (typeof FOLLOW_UP_ACTIONS)[number];

/** The inventory's URL filters, as the page passes them on (checked again by the inventory's own schema). */
const filterSchema = z
  .record(safeString().max(40), safeString().max(320))
  .refine((f) => Object.keys(f).length <= 20, "Too many filters.")
  .default({});

export const bulkFollowUpSchema = z
  .object({
    action: z.enum(FOLLOW_UP_ACTIONS, { error: "Choose what to do." }),
    /** selected: the ticked models; all: every model the filter matches (not just the page shown) */
    scope: z.enum(["selected", "all"], { error: "Choose the models." }),
    keys: z
      .array(modelKeySchema)
      .max(BULK_LIMIT, `At most ${BULK_LIMIT.toLocaleString("en")} models per action.`)
      .default([]),
    filter: filterSchema,
    /** for "all": the number of matching models the officer saw; a different count now is refused */
    expectedTotal: z.coerce.number().int().min(0).max(INT4_MAX).optional(),
    ownerEmail: z.string().trim().toLowerCase().max(320).pipe(z.email("Enter the new owner's e-mail address.")).optional(),
    ownerRole: z.enum(["business", "technical"], { error: "Choose which owner to set." }).optional(),
    reviewDate: calendarDate().optional(),
    message: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "selected" && v.keys.length === 0) ctx.addIssue({ code: "custom", path: ["keys"], message: "Select at least one model, or choose all matching models." });
    if (v.action === "assign-owner") {
      if (!v.ownerEmail) ctx.addIssue({ code: "custom", path: ["ownerEmail"], message: "Enter the new owner's e-mail address." });
      if (!v.ownerRole) ctx.addIssue({ code: "custom", path: ["ownerRole"], message: "Choose which owner to set." });
    }
    if (v.action === "review-date" && !v.reviewDate) ctx.addIssue({ code: "custom", path: ["reviewDate"], message: "Enter the next review date." });
  });
export type BulkFollowUpInput = z.input<typeof bulkFollowUpSchema>;
